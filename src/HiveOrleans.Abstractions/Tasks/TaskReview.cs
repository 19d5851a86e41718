namespace HiveOrleans.Abstractions.Tasks;

/// <summary>How review ended for a task: a reviewer's decision, or the review's time running out.</summary>
/// <param name="Decision"><see cref="ReviewDecisions.Approve"/>, <see cref="ReviewDecisions.Reject"/> or <see cref="ReviewDecisions.TimedOut"/>.</param>
/// <param name="Labels">What a rejection named; empty otherwise.</param>
/// <param name="Reason">The reviewer's reason (required for a rejection).</param>
/// <param name="ReviewerId">Who decided; null when the time ran out.</param>
/// <param name="DecidedOn">When.</param>
/// <param name="Queue">The queue the task was in: <c>main</c> or <c>escalated</c>.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskReview")]
public sealed record TaskReview(
    [property: Id(0)] string Decision,
    [property: Id(1)] IReadOnlyList<string> Labels,
    [property: Id(2)] string? Reason,
    [property: Id(3)] long? ReviewerId,
    [property: Id(4)] DateTimeOffset DecidedOn,
    [property: Id(5)] string Queue);

/// <summary>The decisions a reviewer makes, and the review queues.</summary>
public static class ReviewDecisions
{
    /// <summary>The model's answer stands as reviewed.</summary>
    public const string Approve = "approve";

    /// <summary>The content breaks the rules: labels and a reason say how.</summary>
    public const string Reject = "reject";

    /// <summary>For a senior reviewer: the task moves to the escalated queue.</summary>
    public const string Escalate = "escalate";

    /// <summary>Nobody decided within the project's review time: the model's answer stands.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>Every project's queue.</summary>
    public const string MainQueue = "main";

    /// <summary>Each project's queue for escalated tasks, seen by senior reviewers only.</summary>
    public const string EscalatedQueue = "escalated";
}

/// <summary>A reviewer's decision on a task they hold, as the reviewer API reads it; who decides is given beside it.</summary>
/// <param name="Lease">The lease the claim gave; the decision is taken only while it holds.</param>
/// <param name="Decision"><see cref="ReviewDecisions.Approve"/>, <see cref="ReviewDecisions.Reject"/> or <see cref="ReviewDecisions.Escalate"/>.</param>
/// <param name="Labels">For a rejection, one or more of the project's review labels.</param>
/// <param name="Reason">Required for a rejection.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewDecision")]
public sealed record ReviewDecision(
    [property: Id(0)] Guid Lease,
    [property: Id(2)] string Decision,
    [property: Id(3)] IReadOnlyList<string> Labels,
    [property: Id(4)] string? Reason);

/// <summary>What became of a decision, as the task grain answers it.</summary>
/// <param name="Outcome">Whether it was taken, or why not.</param>
/// <param name="Queue">When taken: the queue the task was decided from.</param>
/// <param name="QueuedSince">When taken: when the task entered that queue.</param>
/// <param name="Task">When taken: the task as it stands after the decision.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskDecisionResult")]
public sealed record TaskDecisionResult(
    [property: Id(0)] ReviewOutcome Outcome,
    [property: Id(1)] string? Queue,
    [property: Id(2)] DateTimeOffset? QueuedSince,
    [property: Id(3)] TaskSnapshot? Task)
{
    /// <summary>A decision not taken, and why.</summary>
    public static TaskDecisionResult Refused(ReviewOutcome outcome) => new(outcome, null, null, null);
}

/// <summary>What became of a decision.</summary>
public enum ReviewOutcome
{
    /// <summary>Taken: the task is finished (approve, reject) or moved to the escalated queue (escalate).</summary>
    Taken = 0,

    /// <summary>The task is not waiting for review, and never was (or does not exist).</summary>
    NotInReview = 1,

    /// <summary>The task was decided already (or its review time ran out).</summary>
    AlreadyDecided = 2,

    /// <summary>The lease ran out (and nobody else holds the task now).</summary>
    LeaseExpired = 3,

    /// <summary>Another reviewer holds the task now.</summary>
    HeldByAnother = 4,
}
