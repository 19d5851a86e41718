using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Recovery: the sweeper's resume of a task whose silo died or whose write failed, and the handover of unfinished
/// work when this activation goes.
/// </summary>
internal sealed partial class TaskGrain
{
    public async Task ResumeAsync()
    {
        await LoadAsync();
        if (_abandoned)
        {
            return;
        }

        if (!Exists)
        {
            // A row carried over from the old ledger with no state behind it: that submission failed before its state
            // was written, and was never acknowledged. Writing an empty record says "nothing owed" and ends it.
            if (_version is not null)
            {
                await store.WriteAsync(new TaskWrite(TaskId, 0, _version, null, TaskLedgerReason.Work, []));
                _version++;
            }

            return;
        }

        if (OwesWork)
        {
            _woken = true;
            EnsureWorking(recovering: false);
        }
        else
        {
            // Nothing is owed, yet the row was due: the write that said so failed. Say it again.
            await PersistAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_work is { IsCompleted: false } work)
        {
            // The silo is stopping (or the activation is otherwise going) mid-work: stop, and leave the task due now so a
            // surviving silo's sweeper takes it over at its next round instead of after RecoverAfter.
            await _stopping.CancelAsync();
            await work.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
            if (Exists && !_abandoned && !_stale && (!IsFinished || OwesCallback))
            {
                _state.HandedOver = true;
                try
                {
                    await PersistAsync();
                    LogHandedOver(logger, TaskId, reason.ReasonCode.ToString());
                }
                catch (Exception ex)
                {
                    // The row is still due from the last write; the sweeper takes it then, or the silo-loss watcher sooner.
                    LogHandoverFailed(logger, TaskId, ex);
                }
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId} handed over to the other silos ({Reason})")]
    private static partial void LogHandedOver(ILogger logger, Guid taskId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} could not be handed over; it resumes when its row falls due")]
    private static partial void LogHandoverFailed(ILogger logger, Guid taskId, Exception exception);
}
