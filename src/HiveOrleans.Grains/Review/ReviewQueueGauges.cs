using System.Diagnostics.Metrics;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Reviews;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Review;

/// <summary>
/// The review queues as gauges on the <c>HiveOrleans</c> meter, per project and queue: tasks waiting
/// (<c>hiveorleans.review.pending</c>, leased ones included) and the age of the oldest
/// (<c>hiveorleans.review.oldest_age</c>). As with <see cref="Tasks.TaskQueueDepth"/>, a background round counts
/// them (<see cref="IReviewQueueStore.AllDepthsAsync"/>) every <see cref="MetricsOptions.QueueDepthInterval"/>, only
/// while someone collects the gauges, and collecting reports the last count (the age as of the collection) without
/// touching the store. The queues are shared, so every silo reports the same figures: dashboards take max(). After a
/// failed count the gauges report nothing until the next count succeeds.
/// </summary>
internal sealed partial class ReviewQueueGauges : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly IReviewQueueStore _queues;
    private readonly IOptions<MetricsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReviewQueueGauges> _logger;
    private readonly ObservableGauge<long> _pending;
    private readonly ObservableGauge<double> _oldestAge;
    private IReadOnlyList<ReviewQueueDepth>? _depths;
    private PeriodicWork? _work;

    public ReviewQueueGauges(IReviewQueueStore queues, IMeterFactory meters, IOptions<MetricsOptions> options, TimeProvider time, ILogger<ReviewQueueGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _queues = queues;
        _options = options;
        _time = time;
        _logger = logger;

        // The silo's own meter, as TaskQueueDepth's: silos sharing a process each report their own.
        var meter = meters.Create(HiveMetrics.MeterName);
        _pending = meter.CreateObservableGauge(
            "hiveorleans.review.pending", () => Observe(depth => depth.Pending), "{task}",
            "Tasks waiting in a review queue (leased ones included), by project and queue, as last counted");
        _oldestAge = meter.CreateObservableGauge(
            "hiveorleans.review.oldest_age", () => Observe(depth => (_time.GetUtcNow() - depth.OldestSince).TotalSeconds), "s",
            "How long the oldest task of a review queue has waited, by project and queue, as last counted");
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ReviewQueueGauges), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Counts every review queue and makes the counts the gauges' values.</summary>
    public async Task CountOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            Volatile.Write(ref _depths, await _queues.AllDepthsAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            Volatile.Write(ref _depths, null);
            throw;
        }
    }

    public void Dispose() => _work?.Dispose();

    private IEnumerable<Measurement<T>> Observe<T>(Func<ReviewQueueDepth, T> value)
        where T : struct =>
        Volatile.Read(ref _depths) is { } depths
            ? [.. depths.Select(depth => new Measurement<T>(value(depth), HiveMetrics.Project(depth.ProjectId), HiveMetrics.Queue(depth.Queue)))]
            : [];

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _work = new PeriodicWork(_options.Value.QueueDepthInterval, _time, CountIfObservedAsync, ex => LogCountFailed(_logger, ex), firstRoundAtStart: true);
        _work.Start();
        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _work?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    private Task CountIfObservedAsync(CancellationToken cancellationToken) =>
        _pending.Enabled || _oldestAge.Enabled ? CountOnceAsync(cancellationToken) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the review queues failed; their gauges report nothing until the next count")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
