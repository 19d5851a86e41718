using System.Security.Cryptography;
using System.Text;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Abstractions.Wire;
using HiveOrleans.Grains.Callbacks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Media;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// One submitted item. Durability rests on two records: the grain state (what the task is) and a row in the task
/// ledger (that it still needs work, and when to look again). The ledger row is written before the state and
/// removed only when nothing is owed, so a crash at any point leaves either a finished task or a row that the
/// sweeper will use to resume it on a live silo.
/// </summary>
/// <remarks>
/// Reentrant so that polls and sync waits are answered while the model runs. Only one piece of work (processing,
/// then callback delivery) runs per activation at a time. A resend is the one call that changes what the task owes
/// while that work may be running; every such change (state written, ledger row scheduled or removed) happens
/// under one gate, so a resend never writes beside the work (one write would fail on the ETag) and the work never
/// removes a ledger row a resend has just scheduled.
/// </remarks>
[Reentrant]
[CollectionAgeLimit(Minutes = 2)]
internal sealed partial class TaskGrain(
    [PersistentState(StorageNames.Task, StorageNames.Provider)] IPersistentState<TaskState> state,
    ITaskLedger ledger,
    ModelRunner models,
    ModelContextCache modelContexts,
    ResultReuse results,
    MediaDownload downloads,
    IMediaStore mediaStore,
    IOptions<MediaStoreOptions> mediaOptions,
    CallbackDelivery callbacks,
    WebhookSecretCache webhookSecrets,
    IOptions<TaskOptions> options,
    TimeProvider time,
    ILogger<TaskGrain> logger) : Grain, ITaskGrain
{
    private static readonly TimeSpan WorkKeepAlive = TimeSpan.FromMinutes(15);

    /// <summary>How long one observer may take over one event before it is dropped.</summary>
    private static readonly TimeSpan ObserverTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How soon a callback that found its destination saturated tries again.</summary>
    private static readonly TimeSpan DeferredRetry = TimeSpan.FromSeconds(5);

    private readonly TaskOptions _options = options.Value;
    private readonly Dictionary<ITaskObserver, DateTimeOffset> _observers = [];
    private readonly Queue<TaskEvent> _outbox = new();
    private Task? _notifying;
    private Task<TaskSnapshot>? _submitting;
    private Task? _work;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _resends;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Guid TaskId => this.GetPrimaryKey();

    private bool Exists => state.State.Submission is not null;

    private bool IsFinished => state.State.Phase is TaskPhase.Succeeded or TaskPhase.Failed;

    private bool OwesCallback =>
        state.State.Submission is { Mode: TaskMode.Async, CallbackUrl: not null }
        && state.State.Callback is not { Succeeded: true } and not { StoppedReason: not null };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A task whose silo died resumes as soon as anything touches it, not only when the sweeper comes by.
        if (Exists && (!IsFinished || OwesCallback))
        {
            EnsureWorking(recovering: true);
        }

        if (IsFinished)
        {
            _finished.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task<TaskSnapshot> SubmitAsync(TaskSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (Exists)
        {
            return Task.FromResult(Snapshot());
        }

        // A retried call that arrives while the first is still writing gets the first one's answer.
        return _submitting ??= StoreAndStartAsync(submission);
    }

    public Task<TaskSnapshot?> GetAsync() => Task.FromResult(Exists ? Snapshot() : null);

    public async Task<TaskSnapshot?> WaitForCompletionAsync(TimeSpan maxWait)
    {
        if (!Exists)
        {
            return null;
        }

        if (!IsFinished && maxWait > TimeSpan.Zero)
        {
            // A timeout is an answer too: the caller gets the task as it stands.
            await _finished.Task.WaitAsync(maxWait, time).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        }

        return Snapshot();
    }

    public async Task ResumeAsync()
    {
        if (!Exists)
        {
            // A ledger row with no task behind it: the submission failed before its state was written.
            await ledger.RemoveAsync(TaskId);
            return;
        }

        using (await EnterGateAsync())
        {
            if (!IsFinished || OwesCallback)
            {
                EnsureWorking(recovering: false);
            }
            else
            {
                await ledger.RemoveAsync(TaskId);
            }
        }
    }

    public async Task<TaskSnapshot?> ResendCallbackAsync(string resentBy)
    {
        if (!Exists)
        {
            return null;
        }

        if (state.State.Submission is not { Mode: TaskMode.Async, CallbackUrl: not null })
        {
            throw new TaskRequestException("This task has no callback_url to send to.");
        }

        using (await EnterGateAsync())
        {
            if (!IsFinished)
            {
                throw new TaskRequestException("The task is not finished yet; its callback will be sent when it is.");
            }

            var now = time.GetUtcNow();
            state.State.Callback = (state.State.Callback ?? new CallbackStatus()) with
            {
                Succeeded = false,
                StoppedReason = null,
                NextAttemptOn = null,
                ResentOn = now,
                ResentBy = resentBy,
                SeriesStartedOn = now,
            };
            _resends++;

            // Ledger first, as on submission: once the resend is on record, a crash cannot lose it.
            await ledger.ScheduleAsync(new TaskLedgerEntry(TaskId, now + _options.RecoverAfter, state.State.Submission.ProjectId, TaskLedgerReason.Callback));
            await state.WriteStateAsync();
            EnsureWorking(recovering: false);
        }

        return Snapshot();
    }

    public Task<TaskEvent?> SubscribeAsync(ITaskObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers[observer] = time.GetUtcNow() + TaskObservation.SubscriptionLifetime;
        return Task.FromResult(Exists ? CurrentEvent() : null);
    }

    public Task UnsubscribeAsync(ITaskObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    private async Task<TaskSnapshot> StoreAndStartAsync(TaskSubmission submission)
    {
        try
        {
            var now = time.GetUtcNow();
            await ledger.ScheduleAsync(new TaskLedgerEntry(TaskId, now + _options.RecoverAfter, submission.ProjectId));
            state.State = new TaskState
            {
                Submission = submission,
                Phase = TaskPhase.Pending,
                InputHash = HashInput(submission),
                Charge = submission.Charge,
                Media = submission.Media,
            };
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing was acknowledged; forget the half-made task so a retry of this call starts clean.
            state.State = new TaskState();
            _submitting = null;
            throw;
        }

        // The answer describes what was stored; work starts right after.
        var stored = Snapshot();
        Publish();
        EnsureWorking(recovering: false);
        return stored;
    }

    private void EnsureWorking(bool recovering)
    {
        if (_work is null || _work.IsCompleted)
        {
            _work = WorkAsync(recovering);
        }
    }

    private async Task WorkAsync(bool recovering)
    {
        // Background work is not a request, so it would not keep an idle activation from being collected mid-run.
        DelayDeactivation(WorkKeepAlive);
        try
        {
            if (!IsFinished)
            {
                await ProcessAsync(recovering || state.State.Phase == TaskPhase.Processing);
            }

            await SettleCallbackAsync();
        }
        catch (Exception ex)
        {
            // The ledger row stays, so the sweeper resumes this task after its lease; nothing is lost.
            LogWorkFailed(logger, TaskId, ex);
        }
        finally
        {
            // Back to normal collection: a finished task, or one waiting for its next callback attempt, holds no memory.
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Delivers the callback while one is owed, then leaves the ledger row saying when to try next, or removes it when
    /// nothing is owed; goes round again if a resend arrived since it last looked.
    /// </summary>
    private async Task SettleCallbackAsync()
    {
        while (true)
        {
            var resends = _resends;
            DateTimeOffset? due = null;
            while (OwesCallback && (due = await DeliverCallbackAsync()) is null)
            {
            }

            using (await EnterGateAsync())
            {
                if (_resends != resends)
                {
                    continue;
                }

                if (due is { } next)
                {
                    await ledger.ScheduleAsync(new TaskLedgerEntry(TaskId, next, state.State.Submission!.ProjectId, TaskLedgerReason.Callback));
                }
                else
                {
                    await ledger.RemoveAsync(TaskId);
                }

                return;
            }
        }
    }

    private async Task<Gate> EnterGateAsync()
    {
        await _gate.WaitAsync();
        return new Gate(_gate);
    }

    private readonly struct Gate(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    private async Task ProcessAsync(bool interrupted)
    {
        if (interrupted)
        {
            // A previous run may have crashed its silo; count it so a poison task ends instead of looping forever.
            state.State.Recoveries++;
            if (state.State.Recoveries > _options.MaxRecoveries)
            {
                await FinishAsync(output: null, "MODEL_FAILED", $"Processing was interrupted {_options.MaxRecoveries} times; giving up.");
                return;
            }

            await state.WriteStateAsync();
        }

        var submission = state.State.Submission!;
        ModerationOutput output;
        try
        {
            if (submission.Url is not null && state.State.Media is null)
            {
                // Downloading is part of processing; its result is written with the task's result.
                MarkProcessing();
                state.State.Media = await downloads.DownloadAsync(submission, CancellationToken.None);
                state.State.InputHash = state.State.Media.Md5;
            }

            if (await results.FindAsync(submission, state.State.InputHash) is { } cached)
            {
                state.State.FromCache = true;
                await FinishAsync(cached, null, null);
                return;
            }

            output = await RunModelAsync(submission);
        }
        catch (TaskFailedException ex)
        {
            LogTaskFailed(logger, TaskId, ex.Code, ex.Message);
            await FinishAsync(output: null, ex.Code, ex.Message);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogModelFailed(logger, TaskId, ex);
            var message = ex is ModelUnavailableException ? ex.Message : "The model failed on this input.";
            await FinishAsync(output: null, "MODEL_FAILED", message);
            return;
        }

        await FinishAsync(output, null, null);
        await results.RememberAsync(TaskId, submission, state.State.InputHash, output);
    }

    private async Task<ModerationOutput> RunModelAsync(TaskSubmission submission)
    {
        var context = submission.HasCustomLists
            ? await modelContexts.GetAsync(submission.ProjectId, submission.ConfigVersion)
            : ModelContext.Empty;
        if (state.State.Media is not { } media)
        {
            return await models.RunAsync(new ModelInput(submission, context), MarkProcessing, CancellationToken.None);
        }

        MediaFile file;
        try
        {
            file = await mediaStore.GetFileAsync(media.Key);
        }
        catch (MediaNotFoundException ex)
        {
            throw new TaskFailedException(TaskFailedException.ModelFailed, "The media is no longer stored (its retention ran out before the task was processed).", ex);
        }

        await using (file)
        {
            return await models.RunAsync(new ModelInput(submission, context, media, file.Path), MarkProcessing, CancellationToken.None);
        }
    }

    /// <summary>
    /// A model has the task now. PROCESSING is visible to polls and observers from memory; persisting it too would
    /// add a write to every task.
    /// </summary>
    private void MarkProcessing()
    {
        // A URL task is already processing while it downloads; observers hear of it once.
        if (state.State.Phase == TaskPhase.Processing)
        {
            return;
        }

        state.State.Phase = TaskPhase.Processing;
        state.State.ProcessingStartedOn ??= time.GetUtcNow();
        Publish();
    }

    private async Task FinishAsync(ModerationOutput? output, string? errorCode, string? errorMessage)
    {
        using (await EnterGateAsync())
        {
            state.State.Output = output;
            state.State.ErrorCode = errorCode;
            state.State.ErrorMessage = errorMessage;
            state.State.Phase = errorCode is null ? TaskPhase.Succeeded : TaskPhase.Failed;
            state.State.CompletedOn = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        _finished.TrySetResult();
        Publish();
        if (state.State.Media is { } media)
        {
            await RetainMediaAsync(media, state.State.CompletedOn.Value);
        }
    }

    /// <summary>Media is kept for the retention period after the task finishes; results stay for good.</summary>
    private async Task RetainMediaAsync(TaskMedia media, DateTimeOffset completedOn)
    {
        try
        {
            await mediaStore.RetainUntilAsync(media.Key, completedOn + mediaOptions.Value.Retention);
        }
        catch (Exception ex)
        {
            // The put already granted a full retention period from arrival; this only extends it for slow tasks.
            LogRetainFailed(logger, TaskId, ex);
        }
    }

    /// <summary>
    /// Makes one attempt if one is due. Returns when the next one is due (the ledger wakes the task then), or null
    /// when the loop should look again: delivered, stopped, or a resend arrived while the attempt was in flight.
    /// </summary>
    private async Task<DateTimeOffset?> DeliverCallbackAsync()
    {
        var submission = state.State.Submission!;
        var before = state.State.Callback ?? new CallbackStatus { SeriesStartedOn = state.State.CompletedOn };
        if (before.NextAttemptOn is { } scheduled && scheduled > time.GetUtcNow())
        {
            return scheduled;
        }

        var number = before.Attempts + 1;
        var message = new CallbackMessage(
            TaskId,
            new Uri(submission.CallbackUrl!),
            $"{TaskId}-{number}",
            // A callback cannot be paged: it carries every frame (GET pages them with frame_offset/frame_limit).
            TaskDocument.ToUtf8Bytes(Snapshot(), frameLimit: int.MaxValue),
            await webhookSecrets.GetAsync(submission.ProjectId));
        var attempt = await callbacks.DeliverAsync(message, CancellationToken.None);
        var now = time.GetUtcNow();
        if (attempt.Deferred)
        {
            // Nothing was sent, so nothing is recorded; the ledger brings the task back shortly.
            return now + Jittered(DeferredRetry);
        }

        // Read what a resend may have changed while the attempt was in flight, and write, with no resend beside us.
        using var gate = await EnterGateAsync();
        var current = state.State.Callback ?? before;
        var record = new CallbackAttemptRecord { Attempt = number, At = now, StatusCode = attempt.StatusCode, Error = attempt.Error, Duration = attempt.Duration };
        var history = current.History.Append(record).TakeLast(CallbackStatus.MaxHistory).ToArray();
        var resentMeanwhile = current.SeriesStartedOn != before.SeriesStartedOn;
        DateTimeOffset? next = null;
        string? stopped = null;
        if (!attempt.Succeeded && !resentMeanwhile)
        {
            var seriesStart = before.SeriesStartedOn ?? now;
            var failures = history.Count(a => a.At >= seriesStart);
            var delays = _options.EffectiveCallbackRetryDelays;
            var candidate = now + Jittered(delays[Math.Min(failures - 1, delays.Count - 1)]);
            if (attempt.Gone)
            {
                stopped = "gone";
            }
            else if (candidate - seriesStart > _options.CallbackGiveUpAfter)
            {
                stopped = "gave_up";
            }
            else
            {
                next = candidate;
            }
        }

        state.State.Callback = current with
        {
            Attempts = number,
            Succeeded = attempt.Succeeded && !resentMeanwhile,
            LastStatusCode = attempt.StatusCode,
            LastError = attempt.Error,
            LastAttemptOn = now,
            NextAttemptOn = next,
            StoppedReason = stopped,
            SeriesStartedOn = current.SeriesStartedOn ?? before.SeriesStartedOn,
            History = history,
        };
        await state.WriteStateAsync();
        if (stopped is not null)
        {
            LogCallbackStopped(logger, TaskId, stopped, number);
        }

        return next;
    }

    /// <summary>Full jitter, floored at a tenth of the step so a retry never comes at once.</summary>
    private static TimeSpan Jittered(TimeSpan step) => step * (0.1 + (0.9 * Random.Shared.NextDouble()));

    private TaskEvent CurrentEvent()
    {
        var (code, message) = TaskDocument.StatusOf(Snapshot());
        return new TaskEvent { TaskId = TaskId, Phase = state.State.Phase, Code = code, Message = message, At = time.GetUtcNow() };
    }

    /// <summary>Queues the current status for every observer; one loop sends them, so each observer sees them in order.</summary>
    private void Publish()
    {
        if (_observers.Count == 0)
        {
            return;
        }

        _outbox.Enqueue(CurrentEvent());
        if (_notifying is null || _notifying.IsCompleted)
        {
            _notifying = NotifyAsync();
        }
    }

    private async Task NotifyAsync()
    {
        while (_outbox.TryDequeue(out var next))
        {
            var now = time.GetUtcNow();
            foreach (var (observer, expires) in _observers.ToArray())
            {
                if (expires <= now)
                {
                    _observers.Remove(observer);
                    continue;
                }

                try
                {
                    await observer.OnTaskEventAsync(next).WaitAsync(ObserverTimeout, time);
                }
                catch (Exception ex)
                {
                    // An observer that cannot keep up or has gone away is dropped; it can subscribe again.
                    _observers.Remove(observer);
                    LogObserverDropped(logger, TaskId, ex);
                }
            }
        }
    }

    private TaskSnapshot Snapshot() => new()
    {
        TaskId = TaskId,
        Submission = state.State.Submission!,
        Phase = state.State.Phase,
        ErrorCode = state.State.ErrorCode,
        ErrorMessage = state.State.ErrorMessage,
        Output = state.State.Output,
        InputHash = state.State.InputHash,
        CompletedOn = state.State.CompletedOn,
        ProcessingStartedOn = state.State.ProcessingStartedOn,
        Callback = state.State.Callback,
        Charge = state.State.Charge,
        Media = state.State.Media,
        FromCache = state.State.FromCache,
    };

    // MD5 is the content fingerprint Hive's contract names (input.hash), not a security measure.
#pragma warning disable CA5351
    private static string HashInput(TaskSubmission submission) =>
        submission.Media?.Md5 ?? (submission.Url is null ? Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(submission.TextData ?? ""))) : "");
#pragma warning restore CA5351

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work on task {TaskId} stopped; the ledger will resume it")]
    private static partial void LogWorkFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for task {TaskId} stopped ({Reason}) after {Attempts} attempts")]
    private static partial void LogCallbackStopped(ILogger logger, Guid taskId, string reason, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An observer of task {TaskId} was dropped")]
    private static partial void LogObserverDropped(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} failed with {Code}: {Reason}")]
    private static partial void LogTaskFailed(ILogger logger, Guid taskId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the retention of task {TaskId}'s media")]
    private static partial void LogRetainFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The model failed on task {TaskId}")]
    private static partial void LogModelFailed(ILogger logger, Guid taskId, Exception exception);
}
