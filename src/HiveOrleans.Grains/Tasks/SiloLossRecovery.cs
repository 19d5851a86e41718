using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Resumes a lost silo's tasks as soon as membership declares it dead, instead of when their rows fall due
/// (<see cref="TaskOptions.RecoverAfter"/> after their last write, plus the sweep). Every task row names the silo
/// that wrote it last, so each survivor makes the dead silo's owed rows due now and sweeps at once; the sweepers'
/// claims keep two survivors off the same task, and a second survivor finds nothing left to bring forward.
/// </summary>
internal sealed partial class SiloLossRecovery(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    TaskSweeper sweeper,
    ILogger<SiloLossRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLossRecovery), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        // Silos already dead when this one started were taken care of by the survivors of the time, or their rows
        // fall due on their own; only deaths seen from here on are this silo's to act on.
        var known = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping).ConfigureAwait(false))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && !member.SiloAddress.Equals(localSilo.SiloAddress) && known.Add(member.SiloAddress))
                    {
                        await ResumeTasksOfAsync(member.SiloAddress, stopping).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task ResumeTasksOfAsync(SiloAddress dead, CancellationToken stopping)
    {
        try
        {
            var resumed = await sweeper.ResumeOwnedByAsync(dead.ToParsableString(), stopping).ConfigureAwait(false);
            LogResumed(logger, dead, resumed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Its rows still fall due on their own, and the sweeper takes them then.
            LogResumeFailed(logger, dead, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} is dead; {Count} of its tasks made due now for the survivors")]
    private static partial void LogResumed(ILogger logger, SiloAddress silo, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring forward the tasks of dead silo {Silo}; they resume when their rows fall due")]
    private static partial void LogResumeFailed(ILogger logger, SiloAddress silo, Exception exception);
}
