using System.Diagnostics.Metrics;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// The queue depths as gauges on the <c>HiveOrleans</c> meter: tasks that still owe work (<c>hiveorleans.tasks.pending</c>)
/// and finished tasks whose callback is still owed (<c>hiveorleans.callbacks.pending</c>). A background round counts
/// both in the task store every <see cref="MetricsOptions.QueueDepthInterval"/> and the gauges report the last count:
/// an observable gauge's callback runs inside whoever collects (a Prometheus scrape, an OTLP export) and must not wait
/// on a database. The task table is shared, so every silo reports the same cluster-wide figure: dashboards take
/// max(), not sum(). After a failed count the gauges report nothing until the next count succeeds, rather than a
/// stale figure.
/// </summary>
internal sealed partial class TaskQueueDepth : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const long Unknown = -1;

    private readonly ITaskStore _store;
    private readonly IOptions<MetricsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TaskQueueDepth> _logger;
    private readonly ObservableGauge<long> _pendingTasks;
    private readonly ObservableGauge<long> _pendingCallbacks;
    private long _pendingTaskCount = Unknown;
    private long _pendingCallbackCount = Unknown;
    private PeriodicWork? _work;

    public TaskQueueDepth(ITaskStore store, IMeterFactory meters, IOptions<MetricsOptions> options, TimeProvider time, ILogger<TaskQueueDepth> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;

        // A meter of this silo's container (not a static one), so that silos sharing a process, as in tests, each
        // report their own count and the instruments go away with the silo.
        var meter = meters.Create(HiveMetrics.MeterName);
        _pendingTasks = meter.CreateObservableGauge(
            "hiveorleans.tasks.pending", () => Observe(ref _pendingTaskCount), "{task}",
            "Tasks that still owe work (in progress, waiting or due for recovery), cluster-wide, as last counted");
        _pendingCallbacks = meter.CreateObservableGauge(
            "hiveorleans.callbacks.pending", () => Observe(ref _pendingCallbackCount), "{callback}",
            "Finished tasks whose callback is still owed (an attempt in flight or a retry due), cluster-wide, as last counted");
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TaskQueueDepth), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Counts both queues in the task store and makes the counts the gauges' values.</summary>
    public async Task CountOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var tasks = await _store.CountDueAsync(TaskLedgerReason.Work, cancellationToken).ConfigureAwait(false);
            var callbacks = await _store.CountDueAsync(TaskLedgerReason.Callback, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _pendingTaskCount, tasks);
            Volatile.Write(ref _pendingCallbackCount, callbacks);
        }
        catch
        {
            Volatile.Write(ref _pendingTaskCount, Unknown);
            Volatile.Write(ref _pendingCallbackCount, Unknown);
            throw;
        }
    }

    public void Dispose() => _work?.Dispose();

    private static Measurement<long>[] Observe(ref long count) =>
        Volatile.Read(ref count) is var value and not Unknown ? [new Measurement<long>(value)] : [];

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _work = new PeriodicWork(_options.Value.QueueDepthInterval, _time, CountIfObservedAsync, ex => LogCountFailed(_logger, ex), firstRoundAtStart: true);
        _work.Start();
        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _work?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Nobody collects the gauges (no exporter, no listener): the queries would be wasted.</summary>
    private Task CountIfObservedAsync(CancellationToken cancellationToken) =>
        _pendingTasks.Enabled || _pendingCallbacks.Enabled ? CountOnceAsync(cancellationToken) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the task and callback queues failed; the gauges report nothing until the next count")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
