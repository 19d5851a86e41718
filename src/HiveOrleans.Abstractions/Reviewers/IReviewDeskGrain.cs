using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>
/// The reviewer API's work on the silos (docs/review.md): queues, claims, leases, decisions and the audit log. Every
/// call but the audit read names its reviewer by a <see cref="ReviewerCredential"/>, resolved on each call; one that
/// is not live throws <see cref="ReviewerUnauthorizedException"/>. A stateless worker, so every silo serves it and no grain is hot;
/// the queues themselves live in the store. Every call that acts on a task records what it did in the audit log.
/// A task outside the reviewer's projects is treated as not there at all (<see cref="ReviewOutcome.NotInReview"/>),
/// so a reviewer learns nothing about another project's tasks.
/// </summary>
[Alias("HiveOrleans.IReviewDeskGrain")]
public interface IReviewDeskGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Every queue the reviewer may work: the main queue of each of their projects, and each escalated
    /// queue too for a senior; empty queues included (pending 0).
    /// </summary>
    [Alias("Queues")]
    Task<IReadOnlyList<ReviewQueueView>> QueuesAsync(ReviewerCredential credential);

    /// <summary>
    /// Leases the oldest free task of the queue to the reviewer; <c>null</c> when the queue is empty. Throws
    /// <see cref="ReviewerRequestException"/> with <c>NotFound</c> for a project not the reviewer's or the escalated
    /// queue asked for by a reviewer who is not senior, and without it for an unknown queue name.
    /// </summary>
    [Alias("Claim")]
    Task<ReviewGrant?> ClaimAsync(ReviewerCredential credential, long projectId, string queue);

    /// <summary>Extends the reviewer's lease on the task; <see cref="ReviewOutcome.Taken"/> with the new end when it still held.</summary>
    [Alias("Renew")]
    Task<ReviewLeaseResult> RenewAsync(ReviewerCredential credential, Guid taskId, Guid lease);

    /// <summary>Gives the task back to the front of its queue (skip); <see cref="ReviewOutcome.Taken"/> when the lease still held.</summary>
    [Alias("Release")]
    Task<ReviewOutcome> ReleaseAsync(ReviewerCredential credential, Guid taskId, Guid lease);

    /// <summary>
    /// The reviewer's decision. Throws
    /// <see cref="ReviewerRequestException"/> for a decision that is not valid as given (unknown kind, a rejection
    /// without labels or reason, labels not among the project's, escalating an escalated task).
    /// </summary>
    [Alias("Decide")]
    Task<ReviewDecisionResult> DecideAsync(ReviewerCredential credential, Guid taskId, ReviewDecision decision);

    /// <summary>The task's media, for the reviewer holding its lease now (<see cref="ReviewOutcome.Taken"/>); null media for a text task.</summary>
    [Alias("HeldMedia")]
    Task<ReviewMediaResult> HeldMediaAsync(ReviewerCredential credential, Guid taskId);

    /// <summary>For operators: up to <paramref name="limit"/> (1–1,000) audit entries after <paramref name="afterSeq"/> matching <paramref name="filter"/>.</summary>
    [Alias("Audit")]
    Task<IReadOnlyList<ReviewAuditRecord>> AuditAsync(ReviewAuditFilter filter, long afterSeq, int limit);
}

/// <summary>One queue as a reviewer sees it.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="ProjectName">Its name.</param>
/// <param name="Queue"><see cref="ReviewDecisions.MainQueue"/> or <see cref="ReviewDecisions.EscalatedQueue"/>.</param>
/// <param name="Pending">Tasks waiting in it, leased ones included.</param>
/// <param name="Leased">How many of them a reviewer holds now.</param>
/// <param name="OldestSince">When the oldest waiting task entered it; null when empty.</param>
/// <param name="Labels">The labels a rejection in this project may name.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewQueueView")]
public sealed record ReviewQueueView(
    [property: Id(0)] long ProjectId,
    [property: Id(1)] string ProjectName,
    [property: Id(2)] string Queue,
    [property: Id(3)] long Pending,
    [property: Id(4)] long Leased,
    [property: Id(5)] DateTimeOffset? OldestSince,
    [property: Id(6)] IReadOnlyList<string> Labels);

/// <summary>A claimed task: the task as it stands (with the model's output), the lease a decision must name, and when it runs out.</summary>
/// <param name="Task">The task.</param>
/// <param name="Lease">The lease token.</param>
/// <param name="LeaseUntil">When the lease runs out unless renewed.</param>
/// <param name="Queue">The queue it was claimed from.</param>
/// <param name="QueuedSince">When it entered that queue.</param>
/// <param name="Labels">The labels a rejection may name.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewGrant")]
public sealed record ReviewGrant(
    [property: Id(0)] TaskSnapshot Task,
    [property: Id(1)] Guid Lease,
    [property: Id(2)] DateTimeOffset LeaseUntil,
    [property: Id(3)] string Queue,
    [property: Id(4)] DateTimeOffset QueuedSince,
    [property: Id(5)] IReadOnlyList<string> Labels);

/// <summary>What became of a renewal: the new end of the lease when <see cref="ReviewOutcome.Taken"/>.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewLeaseResult")]
public sealed record ReviewLeaseResult([property: Id(0)] ReviewOutcome Outcome, [property: Id(1)] DateTimeOffset? LeaseUntil);

/// <summary>What became of a decision: the task as it stands after it when <see cref="ReviewOutcome.Taken"/>.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewDecisionResult")]
public sealed record ReviewDecisionResult([property: Id(0)] ReviewOutcome Outcome, [property: Id(1)] TaskSnapshot? Task);

/// <summary>Whether the reviewer holds the task (<see cref="ReviewOutcome.Taken"/>) and, if so, its media (null for text).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewMediaResult")]
public sealed record ReviewMediaResult([property: Id(0)] ReviewOutcome Outcome, [property: Id(1)] TaskMedia? Media);
