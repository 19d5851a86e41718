using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// Probes failing callback destinations on this silo: every probe interval, one held task per failing destination is
/// woken ahead of its schedule and tries. So a receiver that comes back is noticed within about an interval, however
/// far its tasks' own backoffs have grown, while a receiver that stays down gets one request per interval per silo.
/// </summary>
internal sealed partial class CallbackProber(
    DestinationHealth health,
    IGrainFactory grains,
    IOptions<TaskOptions> options,
    TimeProvider time,
    ILogger<CallbackProber> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private PeriodicWork? _work;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CallbackProber), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public void Dispose() => _work?.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        // Checked twice per interval, so a probe falls due at most half an interval late.
        _work = new PeriodicWork(options.Value.CallbackProbeInterval / 2, time, ProbeAsync, ex => LogProbeFailed(logger, "", ex));
        _work.Start();
        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _work?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    private async Task ProbeAsync(CancellationToken stopping)
    {
        foreach (var (destination, taskId) in health.TakeProbes(time.GetUtcNow()))
        {
            try
            {
                LogProbing(logger, destination, taskId);
                if (!await grains.GetGrain<ITaskGrain>(taskId).ProbeCallbackAsync().ConfigureAwait(false))
                {
                    health.Forget(destination, taskId);
                }
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // The next held task is the next candidate.
                LogProbeFailed(logger, destination, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probing failing callback destination {Destination} with task {TaskId}")]
    private static partial void LogProbing(ILogger logger, string destination, Guid taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A probe of callback destination {Destination} could not be started")]
    private static partial void LogProbeFailed(ILogger logger, string destination, Exception exception);
}
