using System.Data.Common;
using HiveOrleans.Abstractions.Health;
using HiveOrleans.Grains.Callbacks;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// The task's one row in the store: reading it on first use, the one write (<see cref="PersistAsync"/>) with what is
/// owed derived from the state, and waiting out a store that is away.
/// </summary>
internal sealed partial class TaskGrain
{
    /// <summary>The first and the longest wait before work that failed on the store (an outage) is tried again.</summary>
    private static readonly TimeSpan FirstStoreRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestStoreRetry = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Reads the task on first use; a failed read is tried again by the next call.</summary>
    private Task LoadAsync()
    {
        if (_loaded is { IsFaulted: true } or { IsCanceled: true })
        {
            _loaded = null;
        }

        return _loaded ??= ReadAsync();
    }

    private async Task ReadAsync()
    {
        var row = await store.ReadAsync(TaskId);
        if (row is { IsAbandoned: true })
        {
            _abandoned = true;
            _version = row.Version;
            return;
        }

        var found = row?.State is { Length: > 0 } bytes
            ? serializer.Deserialize<TaskState>(bytes)
            : await legacyStates.ReadAsync(this.GetGrainId());
        _version = row?.Version;
        if (found is null)
        {
            return;
        }

        _state = found;
        if (IsFinished)
        {
            _finished.TrySetResult();
        }

        // A task whose silo died resumes as soon as anything touches it, not only when the sweeper comes by.
        if (OwesWork)
        {
            EnsureWorking(recovering: true);
        }
    }

    /// <summary>
    /// The one place a task's record is written: the state as it stands now, with what it owes derived from it, after
    /// any write already under way. A conflict means another activation wrote it: this one is stale and goes.
    /// </summary>
    /// <param name="requiredLease">
    /// A reviewer's lease the write must find still held (a decision). A conflict then may only mean the lease is gone,
    /// so the activation stays; the caller puts its state back.
    /// </param>
    private async Task PersistAsync(Guid? requiredLease = null)
    {
        await _writing.WaitAsync();
        try
        {
            var (due, reason) = Owed(time.GetUtcNow());
            var write = new TaskWrite(TaskId, _state.Submission!.ProjectId, _version, due, reason, serializer.Serialize(_state).ToArray())
            {
                Owner = due is null || reason == TaskLedgerReason.Review ? null : silo.SiloAddress.ToParsableString(),
                CallbackTo = reason == TaskLedgerReason.Callback && _state.Callback?.NextAttemptOn is not null
                    ? CallbackDelivery.DestinationOf(new Uri(_state.Submission.CallbackUrl!))
                    : null,
                Review = _state.ReviewQueue is { } queue ? new ReviewPlacement(queue, _state.ReviewSince!.Value) : null,
                RequiredLease = requiredLease,
            };
            await store.WriteAsync(write);
            _version = write.NewVersion;
        }
        catch (TaskWriteConflictException) when (requiredLease is null)
        {
            _stale = true;
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Waits out a write under way, so a reader is told what is stored. Used for a task in review: the grain is
    /// reentrant, and a task entering the review queue must not be reported <c>AWAITING_REVIEW</c> before a reviewer
    /// could claim it. Other reads answer from memory while a write is out (a status a moment ahead of its write, which
    /// recovery would redo if the silo died), so a slow store never holds up a poll.
    /// </summary>
    private async Task StoredAsync()
    {
        if (_writing.CurrentCount == 0)
        {
            await _writing.WaitAsync();
            _writing.Release();
        }
    }

    /// <summary>
    /// <see cref="PersistAsync"/> for work already under way: while the store is away (an outage, a restart) it waits
    /// and writes again, keeping the change in memory, so the task carries on as soon as the store answers rather than
    /// when its row falls due for the sweeper. A stopping activation stops waiting and hands the task over.
    /// </summary>
    private async Task PersistDurablyAsync()
    {
        var wait = FirstStoreRetry;
        while (true)
        {
            try
            {
                await PersistAsync();
                return;
            }
            catch (Exception ex) when (IsStoreOutage(ex))
            {
                LogWaitingForStore(logger, TaskId, wait.TotalMilliseconds, ex);
                await Task.Delay(wait, time, _stopping.Token);
                wait = Longer(wait);
            }
        }
    }

    /// <summary>
    /// When the sweeper should look at the task next, derived from its state: unfinished work and an attempt in flight
    /// are looked at after <see cref="TaskOptions.RecoverAfter"/> (in case this silo dies), a scheduled retry when it
    /// is due, and a task that owes nothing never.
    /// </summary>
    private (DateTimeOffset? DueAt, TaskLedgerReason Reason) Owed(DateTimeOffset now)
    {
        if (AwaitsReview)
        {
            // Nothing runs while a task waits for a reviewer; the sweeper wakes it when its review time runs out.
            return (ReviewDeadline, TaskLedgerReason.Review);
        }

        if (_state.HandedOver)
        {
            return (now, IsFinished ? TaskLedgerReason.Callback : TaskLedgerReason.Work);
        }

        if (!IsFinished)
        {
            return (now + _options.RecoverAfter, TaskLedgerReason.Work);
        }

        if (OwesCallback)
        {
            return (_state.Callback?.NextAttemptOn ?? now + _options.RecoverAfter, TaskLedgerReason.Callback);
        }

        return (null, TaskLedgerReason.Work);
    }

    /// <summary>
    /// A failure of the store itself (unreachable, restarting), as opposed to the task's own: work waits for the store
    /// instead of failing the task.
    /// </summary>
    private static bool IsStoreOutage(Exception ex) => ex is DbException or StoreUnavailableException || ex.InnerException is DbException;

    private static TimeSpan Longer(TimeSpan wait) => wait * 2 < LongestStoreRetry ? wait * 2 : LongestStoreRetry;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId} waits {Milliseconds} ms for the store to answer again")]
    private static partial void LogWaitingForStore(ILogger logger, Guid taskId, double milliseconds, Exception exception);
}
