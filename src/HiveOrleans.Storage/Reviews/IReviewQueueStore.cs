namespace HiveOrleans.Storage.Reviews;

/// <summary>
/// The manual-review queues: tasks waiting for a reviewer, one queue per project and queue name (<c>main</c>,
/// <c>escalated</c>), oldest first. A task enters and leaves a queue by its own write
/// (<see cref="Tasks.TaskWrite.Review"/>); this store hands out leases on queued tasks. Two claims never lease the same
/// task, a lease that runs out or is released leaves the task where it was (at the front, by age), and a reviewer's
/// decision is written only while the lease holds (<see cref="Tasks.TaskWrite.RequiredLease"/>). It behaves the same
/// on SQLite and PostgreSQL and is safe with many reviewers on several silos claiming at once.
/// </summary>
public interface IReviewQueueStore
{
    /// <summary>
    /// Leases the oldest task of the queue that nobody holds (or whose lease ran out) to <paramref name="reviewerId"/>
    /// for <paramref name="lease"/>; null when there is none. When the row still carried a lease that had run out, the
    /// claim says whose (<see cref="ReviewClaim.Expired"/>), read in the same statement that replaced it.
    /// </summary>
    Task<ReviewClaim?> ClaimAsync(long projectId, string queue, long reviewerId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease that still holds to now + <paramref name="lease"/>; returns the new end, or null when the lease is gone.</summary>
    Task<DateTimeOffset?> RenewAsync(Guid taskId, Guid leaseToken, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Ends a lease that still holds, so the task is claimable again at once; false when the lease was gone already.</summary>
    Task<bool> ReleaseAsync(Guid taskId, Guid leaseToken, CancellationToken cancellationToken = default);

    /// <summary>Ends every lease <paramref name="reviewerId"/> holds (a disabled reviewer), run out or not; returns which they were.</summary>
    Task<IReadOnlyList<ReleasedLease>> ReleaseHeldByAsync(long reviewerId, CancellationToken cancellationToken = default);

    /// <summary>Where a task stands in review: its queue and lease as stored; null when it waits in no queue (or does not exist).</summary>
    Task<ReviewStanding?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>Each non-empty queue of <paramref name="projectIds"/>: how many tasks wait, how many are leased, and the oldest.</summary>
    Task<IReadOnlyList<ReviewQueueDepth>> DepthsAsync(IReadOnlyCollection<long> projectIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every non-empty queue of every project, as <see cref="DepthsAsync"/> counts them: for the queue-depth gauges,
    /// one grouped count over the queued rows (the partial index), never over finished tasks.
    /// </summary>
    Task<IReadOnlyList<ReviewQueueDepth>> AllDepthsAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A claimed task: the lease's token (what a decision must name), and when it runs out unless renewed; and the lease
/// the claim replaced, when the row still carried one that had run out (null when the task was free or released).
/// </summary>
public sealed record ReviewClaim(Guid TaskId, Guid Lease, DateTimeOffset LeaseUntil, DateTimeOffset QueuedSince, ExpiredLease? Expired = null);

/// <summary>A lease that had run out when a claim replaced it: its token, its holder and when it ran out.</summary>
public sealed record ExpiredLease(Guid Lease, long Holder, DateTimeOffset Until);

/// <summary>A lease ended by <see cref="IReviewQueueStore.ReleaseHeldByAsync"/>: the task, its queue, the token and when it would have run out.</summary>
public sealed record ReleasedLease(Guid TaskId, long ProjectId, string Queue, Guid Lease, DateTimeOffset Until);

/// <summary>A queued task's standing: its queue, since when, and the lease on it if any (expired leases included, with their end).</summary>
public sealed record ReviewStanding(Guid TaskId, long ProjectId, string Queue, DateTimeOffset Since, Guid? Lease, long? Holder, DateTimeOffset? LeaseUntil)
{
    /// <summary>Whether a lease holds at <paramref name="now"/>.</summary>
    public bool IsLeasedAt(DateTimeOffset now) => Lease is not null && LeaseUntil > now;
}

/// <summary>One queue's depth: tasks waiting (leased ones included), how many of them are leased now, and the oldest's time.</summary>
public sealed record ReviewQueueDepth(long ProjectId, string Queue, long Pending, long Leased, DateTimeOffset OldestSince);
