namespace HiveOrleans.Storage.Tasks;

/// <summary>A task's row as read.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="Version">The version to name in the next write.</param>
/// <param name="DueAt">When the sweeper next looks at it; null when nothing is owed.</param>
/// <param name="Reason">What is owed.</param>
/// <param name="State">
/// The serialized state, or null for a row carried over from the previous layout's ledger, whose state is still
/// where Orleans' grain storage wrote it.
/// </param>
public sealed record StoredTask(Guid TaskId, long ProjectId, int Version, DateTimeOffset? DueAt, TaskLedgerReason Reason, byte[]? State);
