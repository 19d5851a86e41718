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

    /// <summary>The version the row has once this write succeeds.</summary>
    public int NewVersion => (ExpectedVersion ?? 0) + 1;
}
