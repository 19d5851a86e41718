namespace HiveOrleans.Storage;

/// <summary>
/// A durable ledger of task ids that still need work, with the time each is next due for a check.
/// It is the durable wake-up that replaces per-task reminders: a sweeper claims due rows and pokes
/// their grains. It behaves the same on SQLite and PostgreSQL and is safe with several silos
/// sweeping one PostgreSQL database at once.
/// </summary>
public interface ITaskLedger
{
    /// <summary>
    /// Records that the entry's task is due at its time, inserting it or moving its due time (and its reason).
    /// The change is committed when the returned task completes.
    /// </summary>
    Task ScheduleAsync(TaskLedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> of a project's entries for one reason, soonest due first.</summary>
    Task<IReadOnlyList<TaskLedgerEntry>> ListAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default);

    /// <summary>Forgets <paramref name="taskId"/>; removing an unknown id is not an error.</summary>
    Task RemoveAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically takes up to <paramref name="max"/> tasks that are due now, pushes each one's due time
    /// to now + <paramref name="lease"/> so no sweeper takes it again before the lease runs out, and
    /// returns their ids (in no particular order). When more than <paramref name="max"/> are due, the
    /// longest overdue go first. Two concurrent calls never both take the same task.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>The number of tasks in the ledger, due or not.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the store answers a query against the ledger table, i.e. the database is
    /// reachable and the schema is applied; throws otherwise. Meant for health checks.
    /// </summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
