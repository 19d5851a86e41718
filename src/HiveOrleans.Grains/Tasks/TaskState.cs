using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// What a task persists. Kept small (ids, status, result, bookkeeping) because there will be millions;
/// media bytes never live here. Stored as JSON, so renaming a property is a data migration.
/// </summary>
/// <remarks>
/// Most fields are also <see cref="TaskSnapshot"/>'s, and <see cref="ToSnapshot"/> is the one place they are copied.
/// The two stay separate types on purpose: this one is the persisted format, flat JSON keyed by these property names,
/// which the previous release reads and writes during a rolling upgrade (and <see cref="LegacyTaskStates"/> reads from
/// the old layout); folding the snapshot into it would nest those fields and make every row unreadable to that
/// release. The snapshot is the immutable wire record with the task id and without the bookkeeping
/// (<see cref="Recoveries"/>, <see cref="HandedOver"/>). TaskStateTests checks that the copy misses no shared field.
/// </remarks>
[GenerateSerializer, Alias("HiveOrleans.TaskState")]
public sealed class TaskState
{
    [Id(0)] public TaskSubmission? Submission { get; set; }

    [Id(1)] public TaskPhase Phase { get; set; }

    [Id(2)] public string InputHash { get; set; } = "";

    [Id(3)] public ModerationOutput? Output { get; set; }

    [Id(4)] public string? ErrorCode { get; set; }

    [Id(5)] public string? ErrorMessage { get; set; }

    [Id(6)] public DateTimeOffset? ProcessingStartedOn { get; set; }

    [Id(7)] public DateTimeOffset? CompletedOn { get; set; }

    /// <summary>How many times processing was started after a crash interrupted it; bounds poison tasks.</summary>
    [Id(8)] public int Recoveries { get; set; }

    [Id(9)] public CallbackStatus? Callback { get; set; }

    [Id(10)] public double Charge { get; set; }

    /// <summary>The stored media: the submission's upload, or what a URL download stored.</summary>
    [Id(11)] public TaskMedia? Media { get; set; }

    [Id(12)] public bool FromCache { get; set; }

    /// <summary>
    /// Its silo stopped gracefully while working on it and wrote it as due now for another silo: the next start is a
    /// handover, not a crash, and does not count towards <see cref="Recoveries"/>.
    /// </summary>
    [Id(13)] public bool HandedOver { get; set; }

    [Id(14)] public TaskReview? Review { get; set; }

    /// <summary>The review queue the task waits in (<c>main</c>, <c>escalated</c>), or null when it waits in none.</summary>
    [Id(15)] public string? ReviewQueue { get; set; }

    /// <summary>When the task first went to review: it orders the queues, and its review time runs from it.</summary>
    [Id(16)] public DateTimeOffset? ReviewSince { get; set; }

    /// <summary>
    /// What made <see cref="Output"/> when a rerun replaced the submission's result (<c>rerun:&lt;id&gt;</c>); null for
    /// the submission's own. The replaced results are in the history table, not here, so the row stays small.
    /// </summary>
    [Id(17)] public string? ResultTrigger { get; set; }

    /// <summary>The configuration version <see cref="Output"/> was made beside, when a rerun made it.</summary>
    [Id(18)] public int? ResultConfigVersion { get; set; }

    /// <summary>When a rerun wrote <see cref="Output"/>.</summary>
    [Id(19)] public DateTimeOffset? ResultOn { get; set; }

    /// <summary>
    /// The task as it stands, for callers; only for a task that was submitted (<see cref="Submission"/> set).
    /// <paramref name="progress"/> (kept in memory, never stored) is shown only while the task is processing.
    /// </summary>
    public TaskSnapshot ToSnapshot(Guid taskId, TaskProgress? progress = null) => new()
    {
        TaskId = taskId,
        Submission = Submission!,
        Phase = Phase,
        ErrorCode = ErrorCode,
        ErrorMessage = ErrorMessage,
        Output = Output,
        InputHash = InputHash,
        CompletedOn = CompletedOn,
        ProcessingStartedOn = ProcessingStartedOn,
        Callback = Callback,
        Charge = Charge,
        Media = Media,
        FromCache = FromCache,
        Review = Review,
        ReviewQueue = ReviewQueue,
        ReviewSince = ReviewSince,
        Progress = Phase == TaskPhase.Processing ? progress : null,
    };
}
