using System.Diagnostics.Metrics;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Tasks;

/// <summary>
/// The queue-depth gauges over a real task store: they report what the last count found, and collecting them never
/// reaches the store.
/// </summary>
public sealed class TaskQueueDepthTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteFile _database = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private ITaskStore _store = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(_database.Store);
        _store = TaskStoreFactory.Create(_database.Store);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncDisposable)_store).DisposeAsync();
        await _services.DisposeAsync();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_gauges_report_the_work_and_callbacks_owed_as_last_counted()
    {
        using var gauges = new GaugeReader(_services.GetRequiredService<IMeterFactory>());
        var depth = NewQueueDepth();
        Assert.Empty(gauges.Read());

        await OweAsync(TaskLedgerReason.Work, 3);
        await OweAsync(TaskLedgerReason.Callback, 2);
        await _store.WriteAsync(new TaskWrite(Guid.NewGuid(), 1, null, null, TaskLedgerReason.Work, [0])); // finished: owes nothing
        await depth.CountOnceAsync(CancellationToken.None);

        Assert.Equal(new Dictionary<string, long> { ["hiveorleans.tasks.pending"] = 3, ["hiveorleans.callbacks.pending"] = 2 }, gauges.Read());

        // Collecting does not count again: the new callback shows only after the next count.
        await OweAsync(TaskLedgerReason.Callback, 1);
        Assert.Equal(2, gauges.Read()["hiveorleans.callbacks.pending"]);
        await depth.CountOnceAsync(CancellationToken.None);
        Assert.Equal(3, gauges.Read()["hiveorleans.callbacks.pending"]);
    }

    [Fact]
    public async Task After_a_failed_count_the_gauges_report_nothing_rather_than_a_stale_figure()
    {
        using var gauges = new GaugeReader(_services.GetRequiredService<IMeterFactory>());
        var depth = NewQueueDepth();
        await OweAsync(TaskLedgerReason.Work, 1);
        await depth.CountOnceAsync(CancellationToken.None);
        Assert.Equal(1, gauges.Read()["hiveorleans.tasks.pending"]);

        await using (var connection = new SqliteConnection(_database.Store.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE hive_task";
            await drop.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<SqliteException>(() => depth.CountOnceAsync(CancellationToken.None));
        Assert.Empty(gauges.Read());
    }

    private TaskQueueDepth NewQueueDepth() => new(
        _store,
        _services.GetRequiredService<IMeterFactory>(),
        Options.Create(new MetricsOptions()),
        TimeProvider.System,
        NullLogger<TaskQueueDepth>.Instance);

    private async Task OweAsync(TaskLedgerReason reason, int tasks)
    {
        for (var i = 0; i < tasks; i++)
        {
            await _store.WriteAsync(new TaskWrite(Guid.NewGuid(), 1, null, DateTimeOffset.UtcNow.AddMinutes(5), reason, [0]));
        }
    }

    /// <summary>Collects the gauges of meters made by one factory, so other tests' silos in this process do not count.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _values = [];

        public GaugeReader(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == HiveMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _values[instrument.Name] = value);
            _listener.Start();
        }

        public Dictionary<string, long> Read()
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<string, long>(_values);
        }

        public void Dispose() => _listener.Dispose();
    }
}
