namespace HiveOrleans.Storage.Tasks;

/// <summary>A task's row as read.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="Version">The version to name in the next write.</param>
/// <param name="DueAt">When the sweeper next looks at it; null when nothing is owed.</param>
/// <param name="Reason">What is owed.</param>
/// <param name="State">
/// The serialized state, or null for a row carried over from the previous layout's ledger, whose state is still
/// where Orleans' grain storage wrote it; empty for an id that a retried submission gave up (<see cref="IsAbandoned"/>).
/// </param>
public sealed record StoredTask(Guid TaskId, long ProjectId, int Version, DateTimeOffset? DueAt, TaskLedgerReason Reason, byte[]? State)
{
    /// <summary>
    /// The id of a submission attempt that the gateway gave up on and retried under another id: it holds no task, and
    /// its row only keeps the late first attempt from creating one.
    /// </summary>
    public bool IsAbandoned => State is { Length: 0 };
}
