using HiveOrleans.Abstractions.Reviewers;
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
