namespace HiveOrleans.Storage.Reviews;

/// <summary>
/// Manual review's audit log: every claim, renewal, release, expiry, decision, escalation and time-out, durable and
/// append-only. Appends are group-committed (the appends queued while one commit is out share the next), and an
/// append's task completes once its entry is committed. Entries read back in the order they were appended.
/// </summary>
public interface IReviewAuditLog
{
    /// <summary>Appends <paramref name="entry"/>; completes when it is durable.</summary>
    Task AppendAsync(ReviewAuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> entries after <paramref name="afterSeq"/> that match <paramref name="filter"/>, in
    /// append order; page on with the last entry's <see cref="ReviewAuditRecord.Seq"/>.
    /// </summary>
    Task<IReadOnlyList<ReviewAuditRecord>> ReadAsync(ReviewAuditFilter filter, long afterSeq, int limit, CancellationToken cancellationToken = default);
}

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
public sealed record ReviewAuditEntry(DateTimeOffset At, string Action, long ProjectId, Guid TaskId, string Queue, long? ReviewerId, Guid? Lease, string? Detail);

/// <summary>An entry as stored, with its place in the log.</summary>
public sealed record ReviewAuditRecord(long Seq, ReviewAuditEntry Entry);

/// <summary>Which entries to read: those of one task, one reviewer or one project (at least one given), at or after a time.</summary>
public sealed record ReviewAuditFilter(Guid? TaskId = null, long? ReviewerId = null, long? ProjectId = null, DateTimeOffset? Since = null)
{
    /// <summary>Whether any of task, reviewer and project is given: the log is only ever read through one of them.</summary>
    public bool IsNarrowed => TaskId is not null || ReviewerId is not null || ProjectId is not null;
}
