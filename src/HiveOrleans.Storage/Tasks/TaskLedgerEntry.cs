namespace HiveOrleans.Storage.Tasks;

/// <summary>A task that still owes work, when it is next due, and (for operators' listings) its project and why.</summary>
public sealed record TaskLedgerEntry(Guid TaskId, DateTimeOffset DueAt, long ProjectId = 0, TaskLedgerReason Reason = TaskLedgerReason.Work);
