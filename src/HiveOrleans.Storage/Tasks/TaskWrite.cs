namespace HiveOrleans.Storage.Tasks;

/// <summary>
/// One write of a task's whole record: its state and what it still owes. It succeeds only if the stored row is at
/// <paramref name="ExpectedVersion"/> (null: only if there is no row yet), and leaves it one version later.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="ProjectId">Its project, for operators' listings.</param>
/// <param name="ExpectedVersion">The version the writer read (or wrote last); null for a new task.</param>
/// <param name="DueAt">When the sweeper should next look at the task; null when nothing is owed.</param>
/// <param name="Reason">What is owed when <paramref name="DueAt"/> is set.</param>
/// <param name="State">The serialized state; the store does not look inside.</param>
public sealed record TaskWrite(Guid TaskId, long ProjectId, int? ExpectedVersion, DateTimeOffset? DueAt, TaskLedgerReason Reason, byte[] State)
{
    /// <summary>
    /// The silo that makes the write (its parsable address), recorded with the row while anything is owed, so the
    /// survivors can resume at once what a silo that died or stopped was working on (<see cref="ITaskStore.ExpediteOwnedByAsync"/>).
    /// </summary>
    public string? Owner { get; init; }

    /// <summary>
    /// Where the owed callback goes (scheme, host and port), so retries to a destination that recovered can be brought
    /// forward together (<see cref="ITaskStore.ExpediteCallbacksToAsync"/>); null when no callback is owed.
    /// </summary>
    public string? CallbackTo { get; init; }

    /// <summary>
    /// The review queue the task waits in once this write succeeds, or null when it waits in none. A write that keeps
    /// the task in the queue it was in keeps a reviewer's lease on it; any other ends the lease.
    /// </summary>
    public ReviewPlacement? Review { get; init; }

    /// <summary>
    /// A lease (<see cref="Reviews.ReviewClaim.Lease"/>) the row must still be under, unexpired, for this write to
    /// succeed: a reviewer's decision is written only while the reviewer holds the task. A write that finds the lease
    /// gone or another in its place conflicts (<see cref="TaskWriteConflictException"/>) and changes nothing.
    /// </summary>
    public Guid? RequiredLease { get; init; }

    /// <summary>The version the row has once this write succeeds.</summary>
    public int NewVersion => (ExpectedVersion ?? 0) + 1;
}

/// <summary>Where a task waits for review: its queue (<c>main</c> or <c>escalated</c>) and since when, which orders the queue.</summary>
public sealed record ReviewPlacement(string Queue, DateTimeOffset Since);
