using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using HiveOrleans.Abstractions.Health;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Callbacks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Media;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Storage;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// One submitted item. Its whole durable record is one row of the task store (<see cref="ITaskStore"/>): the state and,
/// while anything is owed, when the sweeper should next look. Every change goes through <see cref="PersistAsync"/>,
/// which derives what is owed from the state itself, so the record can never say "finished" while owing work or the
/// reverse. The store group-commits the writes of every task on the silo.
/// </summary>
/// <remarks>
/// Reentrant so that polls and sync waits are answered while the model runs. Only one piece of work (processing, then
/// callback delivery) runs per activation at a time. A new task is not read before it is written: submission inserts
/// the row, and only a conflict (the task exists) makes it read. Other calls read the row on first use.
/// A task is placed on the silo that received its submission (the gateway's connection to the cluster), not on a
/// random one: with random placement most submissions took a second hop between silos, which with three silos on two
/// cores cost more than the third silo added (docs/benchmarks.md).
/// </remarks>
[Reentrant]
[CollectionAgeLimit(Minutes = 2)]
[PreferLocalPlacement]
internal sealed partial class TaskGrain(
    ITaskStore store,
    LegacyTaskStates legacyStates,
    IGrainStorageSerializer serializer,
    ModelRunner models,
    ModelContextCache modelContexts,
    ResultReuse results,
    MediaDownload downloads,
    IMediaStore mediaStore,
    IOptions<MediaStoreOptions> mediaOptions,
    CallbackDelivery callbacks,
    WebhookSecretCache webhookSecrets,
    IOptions<TaskOptions> options,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<TaskGrain> logger) : Grain, ITaskGrain
{
    private static readonly TimeSpan WorkKeepAlive = TimeSpan.FromMinutes(15);

    /// <summary>How long one observer may take over one event before it is dropped.</summary>
    private static readonly TimeSpan ObserverTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How soon a callback that found its destination saturated tries again.</summary>
    private static readonly TimeSpan DeferredRetry = TimeSpan.FromSeconds(5);

    /// <summary>The first and the longest wait before work that failed on the store (an outage) is tried again.</summary>
    private static readonly TimeSpan FirstStoreRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestStoreRetry = TimeSpan.FromSeconds(2);

    private readonly TaskOptions _options = options.Value;
    private readonly Dictionary<ITaskObserver, DateTimeOffset> _observers = [];
    private readonly Queue<TaskEvent> _outbox = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the activation goes (its silo stopping): the work stops and is handed over.</summary>
    private readonly CancellationTokenSource _stopping = new();
    private TaskState _state = new();

    /// <summary>The row holds an id that a retried submission gave up: there is no task, and there will be none.</summary>
    private bool _abandoned;

    /// <summary>Another activation wrote the task: this one is stale, goes, and writes nothing more.</summary>
    private bool _stale;

    /// <summary>
    /// The store woke the task (the sweeper's resume). A callback retry woken before its own time was brought forward on
    /// purpose (a probe, or its recovered destination's backlog) and is sent now, even to a destination held as failing.
    /// </summary>
    private bool _woken;

    /// <summary>The stored row's version; null while no row is known to exist.</summary>
    private int? _version;

    /// <summary>Completes once <see cref="_state"/> is what the store holds (read, or just inserted).</summary>
    private Task? _loaded;
    private Task<TaskSnapshot>? _submitting;
    private Task? _notifying;
    private Task? _work;

    private Guid TaskId => this.GetPrimaryKey();

    private bool Exists => _state.Submission is not null;

    private bool IsFinished => _state.Phase is TaskPhase.Succeeded or TaskPhase.Failed;

    private bool OwesCallback =>
        _state.Submission is { Mode: TaskMode.Async, CallbackUrl: not null }
        && _state.Callback is not { Succeeded: true } and not { StoppedReason: not null };

    public Task<TaskSnapshot> SubmitAsync(TaskSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);

        // A retried call that arrives while the first is still writing gets the first one's answer; a later one (or one
        // after a failure) looks again.
        if (_submitting is { IsCompleted: false } inFlight)
        {
            return inFlight;
        }

        return _submitting = SubmitOnceAsync(submission);
    }

    public async Task<TaskSnapshot> SubmitAsync(TaskSubmission submission, TimeSpan maxWait)
    {
        var submitted = await SubmitAsync(submission);
        return submitted.IsFinished ? submitted : (await WaitForCompletionAsync(maxWait))!;
    }

    public async Task<TaskSnapshot> SubmitInsteadOfAsync(TaskSubmission submission, IReadOnlyList<Guid> abandonedIds, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(abandonedIds);
        foreach (var abandoned in abandonedIds)
        {
            if (await CloseAbandonedAsync(submission.ProjectId, abandoned) is { } storedAfterAll)
            {
                // The earlier attempt was stored after all: that is the task, and this id stays unused.
                DeactivateOnIdle();
                return storedAfterAll;
            }
        }

        return maxWait > TimeSpan.Zero ? await SubmitAsync(submission, maxWait) : await SubmitAsync(submission);
    }

    /// <summary>
    /// Writes an empty row under an abandoned attempt's id, which its own late insert then finds in its way. If the
    /// attempt's task is there already, returns it as stored (without a call to its grain, whose silo may be gone).
    /// </summary>
    private async Task<TaskSnapshot?> CloseAbandonedAsync(long projectId, Guid abandoned)
    {
        try
        {
            await store.WriteAsync(new TaskWrite(abandoned, projectId, null, null, TaskLedgerReason.Work, []));
            return null;
        }
        catch (TaskWriteConflictException)
        {
            var row = await store.ReadAsync(abandoned);
            return row is { IsAbandoned: false, State: { Length: > 0 } bytes } && serializer.Deserialize<TaskState>(bytes) is { Submission: not null } state
                ? SnapshotOf(abandoned, state)
                : null;
        }
    }

    public async Task<TaskSnapshot?> GetAsync()
    {
        await LoadAsync();
        return Exists ? Snapshot() : null;
    }

    public async Task<TaskSnapshot?> WaitForCompletionAsync(TimeSpan maxWait)
    {
        await LoadAsync();
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

        if (!IsFinished || OwesCallback)
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

    private async Task<TaskSnapshot> SubmitOnceAsync(TaskSubmission submission)
    {
        // A fresh activation of a new task has nothing to read: the insert itself says whether the task exists, and
        // other calls wait for it instead of reading. Only where the old layout may hold tasks is it read first.
        var mayBeLegacy = await legacyStates.MayExistAsync();
        if (_loaded is null && !mayBeLegacy)
        {
            _loaded = InsertOrReadAsync(submission);
        }

        await LoadAsync();
        if (_abandoned)
        {
            // Only a submission attempt that its gateway gave up on and retried under another id gets here.
            DeactivateOnIdle();
            throw new InvalidOperationException($"Submission attempt {TaskId} was given up and retried under another id.");
        }

        if (!Exists)
        {
            await InsertAsync(submission);
        }

        return Snapshot();
    }

    private async Task InsertOrReadAsync(TaskSubmission submission)
    {
        try
        {
            await InsertAsync(submission);
        }
        catch (TaskWriteConflictException)
        {
            // The task exists (a retried submission on a new activation): what is stored is the answer.
            await ReadAsync();
        }
    }

    private async Task InsertAsync(TaskSubmission submission)
    {
        _state = new TaskState
        {
            Submission = submission,
            Phase = TaskPhase.Pending,
            InputHash = HashInput(submission),
            Charge = submission.Charge,
            Media = submission.Media,
        };
        try
        {
            await PersistAsync();
        }
        catch
        {
            // Nothing was acknowledged; forget the half-made task so a retry of this call starts clean.
            _state = new TaskState();
            throw;
        }

        // The answer describes what was stored; work starts right after.
        HiveMetrics.TasksSubmitted.Add(1, HiveMetrics.Project(submission.ProjectId), HiveMetrics.Model(submission.ModelType));
        Publish();
        EnsureWorking(recovering: false);
    }

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
        if (!IsFinished || OwesCallback)
        {
            EnsureWorking(recovering: true);
        }
    }

    /// <summary>
    /// The one place a task's record is written: the state as it stands now, with what it owes derived from it, after
    /// any write already under way. A conflict means another activation wrote it: this one is stale and goes.
    /// </summary>
    private async Task PersistAsync()
    {
        await _writing.WaitAsync();
        try
        {
            var (due, reason) = Owed(time.GetUtcNow());
            var write = new TaskWrite(TaskId, _state.Submission!.ProjectId, _version, due, reason, serializer.Serialize(_state).ToArray())
            {
                Owner = due is null ? null : silo.SiloAddress.ToParsableString(),
                CallbackTo = reason == TaskLedgerReason.Callback && _state.Callback?.NextAttemptOn is not null
                    ? CallbackDelivery.DestinationOf(new Uri(_state.Submission.CallbackUrl!))
                    : null,
            };
            await store.WriteAsync(write);
            _version = write.NewVersion;
        }
        catch (TaskWriteConflictException)
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
            var wait = FirstStoreRetry;
            while (true)
            {
                try
                {
                    if (!IsFinished)
                    {
                        await ProcessAsync(recovering || _state.Phase == TaskPhase.Processing);
                    }

                    await SettleCallbackAsync();
                    break;
                }
                catch (Exception ex) when (IsStoreOutage(ex))
                {
                    // Something the work reads (media, a project's lists) is in the store, which is away: try again
                    // when it answers rather than fail the task or wait for the sweeper.
                    LogWaitingForStore(logger, TaskId, wait.TotalMilliseconds, ex);
                    recovering = false;
                    await Task.Delay(wait, time, _stopping.Token);
                    wait = Longer(wait);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The activation is going; OnDeactivateAsync hands the task over.
        }
        catch (Exception ex)
        {
            // The row stays due, so the sweeper resumes this task after its lease; nothing is lost.
            LogWorkFailed(logger, TaskId, ex);
        }
        finally
        {
            DelayDeactivation(TimeSpan.Zero);
            if (IsFinished && !OwesCallback && _observers.Count == 0)
            {
                // Done, and stored: at thousands of tasks a second, finished activations would otherwise pile up for
                // the collection age. A later GET reads the row again.
                DeactivateOnIdle();
            }
        }
    }

    /// <summary>
    /// A failure of the store itself (unreachable, restarting), as opposed to the task's own: work waits for the store
    /// instead of failing the task.
    /// </summary>
    private static bool IsStoreOutage(Exception ex) => ex is DbException or StoreUnavailableException || ex.InnerException is DbException;

    private static TimeSpan Longer(TimeSpan wait) => wait * 2 < LongestStoreRetry ? wait * 2 : LongestStoreRetry;

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

    private async Task ProcessAsync(bool interrupted)
    {
        if (_state.HandedOver)
        {
            // Its previous silo stopped gracefully and handed it over: that was no crash.
            _state.HandedOver = false;
            interrupted = false;
        }

        if (interrupted)
        {
            // A previous run may have crashed its silo; count it so a poison task ends instead of looping forever.
            _state.Recoveries++;
            if (_state.Recoveries > _options.MaxRecoveries)
            {
                await FinishAsync(output: null, "MODEL_FAILED", $"Processing was interrupted {_options.MaxRecoveries} times; giving up.");
                return;
            }

            await PersistDurablyAsync();
        }

        var submission = _state.Submission!;
        ModerationOutput output;
        try
        {
            if (submission.Url is not null && _state.Media is null)
            {
                // Downloading is part of processing; its result is written with the task's result.
                MarkProcessing();
                _state.Media = await downloads.DownloadAsync(submission, _stopping.Token);
                _state.InputHash = _state.Media.Md5;
            }

            if (await results.FindAsync(submission, _state.InputHash) is { } cached)
            {
                _state.FromCache = true;
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
        catch (Exception ex) when (ex is not OperationCanceledException && !IsStoreOutage(ex))
        {
            LogModelFailed(logger, TaskId, ex);
            var message = ex is ModelUnavailableException ? ex.Message : "The model failed on this input.";
            await FinishAsync(output: null, "MODEL_FAILED", message);
            return;
        }

        await FinishAsync(output, null, null);
        await results.RememberAsync(TaskId, submission, _state.InputHash, output);
    }

    private async Task<ModerationOutput> RunModelAsync(TaskSubmission submission)
    {
        var context = submission.HasCustomLists
            ? await modelContexts.GetAsync(submission.ProjectId, submission.ConfigVersion)
            : ModelContext.Empty;
        if (_state.Media is not { } media)
        {
            return await models.RunAsync(new ModelInput(submission, context), MarkProcessing, _stopping.Token);
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
            return await models.RunAsync(new ModelInput(submission, context, media, file.Path), MarkProcessing, _stopping.Token);
        }
    }

    /// <summary>
    /// A model has the task now. PROCESSING is visible to polls and observers from memory; persisting it too would
    /// add a write to every task.
    /// </summary>
    private void MarkProcessing()
    {
        // A URL task is already processing while it downloads; observers hear of it once.
        if (_state.Phase == TaskPhase.Processing)
        {
            return;
        }

        _state.Phase = TaskPhase.Processing;
        _state.ProcessingStartedOn ??= time.GetUtcNow();
        Publish();
    }

    private async Task FinishAsync(ModerationOutput? output, string? errorCode, string? errorMessage)
    {
        _state.Output = output;
        _state.ErrorCode = errorCode;
        _state.ErrorMessage = errorMessage;
        _state.Phase = errorCode is null ? TaskPhase.Succeeded : TaskPhase.Failed;
        _state.CompletedOn = time.GetUtcNow();
        await PersistDurablyAsync();
        HiveMetrics.TasksCompleted.Add(1, HiveMetrics.Project(_state.Submission!.ProjectId), HiveMetrics.Model(_state.Submission.ModelType), HiveMetrics.Outcome(errorCode ?? "succeeded"));

        _finished.TrySetResult();
        Publish();
        if (_state.Media is { } media)
        {
            await RetainMediaAsync(media, _state.CompletedOn.Value);
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

    private TaskSnapshot Snapshot() => SnapshotOf(TaskId, _state);

    private static TaskSnapshot SnapshotOf(Guid taskId, TaskState state) => new()
    {
        TaskId = taskId,
        Submission = state.Submission!,
        Phase = state.Phase,
        ErrorCode = state.ErrorCode,
        ErrorMessage = state.ErrorMessage,
        Output = state.Output,
        InputHash = state.InputHash,
        CompletedOn = state.CompletedOn,
        ProcessingStartedOn = state.ProcessingStartedOn,
        Callback = state.Callback,
        Charge = state.Charge,
        Media = state.Media,
        FromCache = state.FromCache,
    };

    // MD5 is the content fingerprint Hive's contract names (input.hash), not a security measure.
#pragma warning disable CA5351
    private static string HashInput(TaskSubmission submission) =>
        submission.Media?.Md5 ?? (submission.Url is null ? Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(submission.TextData ?? ""))) : "");
#pragma warning restore CA5351

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work on task {TaskId} stopped; the task store will resume it")]
    private static partial void LogWorkFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId} waits {Milliseconds} ms for the store to answer again")]
    private static partial void LogWaitingForStore(ILogger logger, Guid taskId, double milliseconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId} handed over to the other silos ({Reason})")]
    private static partial void LogHandedOver(ILogger logger, Guid taskId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} could not be handed over; it resumes when its row falls due")]
    private static partial void LogHandoverFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} failed with {Code}: {Reason}")]
    private static partial void LogTaskFailed(ILogger logger, Guid taskId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the retention of task {TaskId}'s media")]
    private static partial void LogRetainFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The model failed on task {TaskId}")]
    private static partial void LogModelFailed(ILogger logger, Guid taskId, Exception exception);
}
