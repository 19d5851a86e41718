using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Callbacks;
using HiveOrleans.Grains.Media;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Storage;
using HiveOrleans.Grains.Results;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Storage.Reruns;

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
/// The class is split by stage: submission (<c>TaskGrain.Submission.cs</c>), processing (<c>.Processing.cs</c>), the
/// row in the store (<c>.Persistence.cs</c>), resuming and handing over (<c>.Recovery.cs</c>), the callback
/// (<c>.Callbacks.cs</c>) and observers (<c>.Observers.cs</c>); this file holds the state they share and the reads.
/// </remarks>
[Reentrant]
[CollectionAgeLimit(Minutes = 2)]
[PreferLocalPlacement]
internal sealed partial class TaskGrain(
    ITaskStore store,
    ITaskHistoryStore history,
    IReviewQueueStore reviewQueues,
    IReviewAuditLog reviewAudit,
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
    private readonly TaskOptions _options = options.Value;
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
    /// purpose (its recovered destination's backlog) and is sent now, even to a destination held as failing.
    /// </summary>
    private bool _woken;

    /// <summary>
    /// This task is its failing destination's probe (<see cref="ProbeCallbackAsync"/>): the next attempt is sent, whether
    /// its own retry is due or not.
    /// </summary>
    private bool _probing;

    /// <summary>The stored row's version; null while no row is known to exist.</summary>
    private int? _version;

    /// <summary>Completes once <see cref="_state"/> is what the store holds (read, or just inserted).</summary>
    private Task? _loaded;

    private Guid TaskId => this.GetPrimaryKey();

    private bool Exists => _state.Submission is not null;

    private bool IsFinished => _state.Phase is TaskPhase.Succeeded or TaskPhase.Failed;

    /// <summary>The model is done and the task waits in a review queue: nothing runs until a decision or its time runs out.</summary>
    private bool AwaitsReview => _state.Phase == TaskPhase.AwaitingReview;

    /// <summary>Work this activation should be doing now: processing, a review whose time ran out, or a callback.</summary>
    private bool OwesWork => (!IsFinished && !(AwaitsReview && !ReviewTimedOut)) || OwesCallback;

    /// <summary>A finished async task with a callback URL owes its callback until it succeeds or is given up; an unfinished one (waiting for review included) owes none yet.</summary>
    private bool OwesCallback =>
        IsFinished
        && _state.Submission is { Mode: TaskMode.Async, CallbackUrl: not null }
        && _state.Callback is not { Succeeded: true } and not { StoppedReason: not null };

    public async Task<TaskSnapshot?> GetAsync()
    {
        await LoadAsync();
        if (AwaitsReview)
        {
            await StoredAsync();
        }

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

    private TaskSnapshot Snapshot() => _state.ToSnapshot(TaskId, _progress);
}
