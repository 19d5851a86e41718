using System.Diagnostics.Metrics;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Review;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Review;

/// <summary>The review queues' gauges over a real store: per project and queue, as last counted, and nothing after a failed count.</summary>
public sealed class ReviewQueueGaugesTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteFile _database = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ManualClock _clock = new();
    private ITaskStore _tasks = null!;
    private IReviewQueueStore _queues = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(_database.Store);
        _tasks = TaskStoreFactory.Create(_database.Store, _clock);
        _queues = ReviewQueueStoreFactory.Create(_database.Store, _clock);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncDisposable)_tasks).DisposeAsync();
        await _services.DisposeAsync();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_gauges_report_each_queue_s_waiting_tasks_and_oldest_age_as_last_counted()
    {
        using var reader = new GaugeReader(_services.GetRequiredService<IMeterFactory>());
        var gauges = NewGauges();
        Assert.Empty(reader.Read());

        await QueueAsync(1, "main", ageMinutes: 30);
        await QueueAsync(1, "main", ageMinutes: 10);
        await QueueAsync(2, "escalated", ageMinutes: 2);
        await gauges.CountOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(
            new Dictionary<(string, long, string), double>
            {
                [("hiveorleans.review.pending", 1, "main")] = 2,
                [("hiveorleans.review.oldest_age", 1, "main")] = 31 * 60,
                [("hiveorleans.review.pending", 2, "escalated")] = 1,
                [("hiveorleans.review.oldest_age", 2, "escalated")] = 3 * 60,
            },
            reader.Read());
    }

    [Fact]
    public async Task After_a_failed_count_the_gauges_report_nothing_rather_than_a_stale_figure()
    {
        using var reader = new GaugeReader(_services.GetRequiredService<IMeterFactory>());
        var gauges = NewGauges();
        await QueueAsync(1, "main", ageMinutes: 1);
        await gauges.CountOnceAsync(CancellationToken.None);
        Assert.NotEmpty(reader.Read());

        await using (var connection = new SqliteConnection(_database.Store.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE hive_task";
            await drop.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<SqliteException>(() => gauges.CountOnceAsync(CancellationToken.None));
        Assert.Empty(reader.Read());
    }

    private ReviewQueueGauges NewGauges() => new(
        _queues, _services.GetRequiredService<IMeterFactory>(), Options.Create(new MetricsOptions()), _clock, NullLogger<ReviewQueueGauges>.Instance);

    private async Task QueueAsync(long projectId, string queue, int ageMinutes) =>
        await _tasks.WriteAsync(new TaskWrite(Guid.NewGuid(), projectId, null, null, TaskLedgerReason.Work, [1])
        {
            Review = new ReviewPlacement(queue, _clock.GetUtcNow() - TimeSpan.FromMinutes(ageMinutes)),
        });

    /// <summary>Collects the review gauges of meters made by one factory, by instrument, project and queue.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string, long, string), double> _values = [];

        public GaugeReader(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name.StartsWith("hiveorleans.review.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public Dictionary<(string, long, string), double> Read()
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<(string, long, string), double>(_values);
        }

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            long project = 0;
            var queue = "";
            foreach (var tag in tags)
            {
                project = tag.Key == "project" ? (long)tag.Value! : project;
                queue = tag.Key == "queue" ? (string)tag.Value! : queue;
            }

            _values[(instrument.Name, project, queue)] = value;
        }
    }
}
