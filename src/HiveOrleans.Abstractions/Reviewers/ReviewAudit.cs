namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>The actions the audit log records.</summary>
public static class ReviewAuditActions
{
    /// <summary>A reviewer claimed the task (a new lease).</summary>
    public const string Claim = "claim";

    /// <summary>The holder extended the lease.</summary>
    public const string Renew = "renew";

    /// <summary>The holder gave the task back (skip), or a disabled reviewer's lease was ended.</summary>
    public const string Release = "release";

    /// <summary>A lease ran out and the task was claimed again.</summary>
    public const string Expire = "expire";

    /// <summary>A reviewer approved or rejected the task.</summary>
    public const string Decide = "decide";

    /// <summary>A reviewer moved the task to the escalated queue.</summary>
    public const string Escalate = "escalate";

    /// <summary>The review's time ran out with no decision.</summary>
    public const string TimeOut = "timeout";
}

/// <summary>One thing that happened in review.</summary>
/// <param name="At">When.</param>
/// <param name="Action">One of <see cref="ReviewAuditActions"/>.</param>
/// <param name="ProjectId">The task's project.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Queue">The queue it was in.</param>
/// <param name="ReviewerId">Who acted; null for what no reviewer did (a time-out).</param>
/// <param name="Lease">The lease it concerned, if any.</param>
/// <param name="Detail">What the action said beyond these (a decision's labels and reason), as JSON; null if nothing.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewAuditEntry")]
public sealed record ReviewAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Action,
    [property: Id(2)] long ProjectId,
    [property: Id(3)] Guid TaskId,
    [property: Id(4)] string Queue,
    [property: Id(5)] long? ReviewerId,
    [property: Id(6)] Guid? Lease,
    [property: Id(7)] string? Detail);

/// <summary>An entry as stored, with its place in the log.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewAuditRecord")]
public sealed record ReviewAuditRecord([property: Id(0)] long Seq, [property: Id(1)] ReviewAuditEntry Entry);

/// <summary>Which entries to read: those of one task, one reviewer or one project (at least one given), at or after a time.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewAuditFilter")]
public sealed record ReviewAuditFilter(
    [property: Id(0)] Guid? TaskId = null,
    [property: Id(1)] long? ReviewerId = null,
    [property: Id(2)] long? ProjectId = null,
    [property: Id(3)] DateTimeOffset? Since = null)
{
    /// <summary>Whether any of task, reviewer and project is given: the log is only ever read through one of them.</summary>
    public bool IsNarrowed => TaskId is not null || ReviewerId is not null || ProjectId is not null;
}
