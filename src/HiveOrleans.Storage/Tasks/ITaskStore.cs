namespace HiveOrleans.Storage.Tasks;

/// <summary>
/// Where every task's durable record lives: one row per task holding its state and, while it owes work, when it is
/// next due. Reads and writes from every task on the process are group-committed: the calls that queue while a round
/// trip is out share the next one, one statement and one commit for all of them, so a lone call pays no added delay
/// and a busy silo pays one commit for many tasks. Claims, listings and counts serve the sweeper and operators. It
/// behaves the same on SQLite and PostgreSQL and is safe with several silos on one PostgreSQL database.
/// </summary>
public interface ITaskStore
{
    /// <summary>The task's row, or null when there is none.</summary>
    Task<StoredTask?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the task's record if the row is at <see cref="TaskWrite.ExpectedVersion"/>; committed when the returned
    /// task completes. Throws <see cref="TaskWriteConflictException"/> when it is not (nothing is written).
    /// </summary>
    Task WriteAsync(TaskWrite write, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically takes up to <paramref name="max"/> tasks that are due now, pushes each one's due time to now +
    /// <paramref name="lease"/> so no sweeper takes it again before the lease runs out (the version is unchanged), and
    /// returns their ids. When more than <paramref name="max"/> are due, the longest overdue go first. Two concurrent
    /// calls never both take the same task.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes every owed task last written by <paramref name="owner"/> due now (those due later only; none is pushed
    /// back), so the sweepers resume at once what a silo that died or stopped was working on. Returns how many.
    /// </summary>
    Task<int> ExpediteOwnedByAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings forward every pending callback retry to <paramref name="destination"/> (a <see cref="TaskWrite.CallbackTo"/>)
    /// that is due later than <paramref name="spread"/> from now: each becomes due at a random moment within
    /// <paramref name="spread"/>, so a receiver that came back gets its backlog without every retry at once.
    /// Returns how many were brought forward.
    /// </summary>
    Task<int> ExpediteCallbacksToAsync(string destination, TimeSpan spread, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> of a project's tasks that owe <paramref name="reason"/>, soonest due first.</summary>
    Task<IReadOnlyList<TaskLedgerEntry>> ListDueAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many tasks owe anything (or owe <paramref name="reason"/>), due now or later.</summary>
    Task<long> CountDueAsync(TaskLedgerReason? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the grain-state table holds task state written by the previous layout (state name
    /// <paramref name="stateName"/> for <paramref name="serviceId"/>), which a task must then look for when it has no row.
    /// </summary>
    Task<bool> HasLegacyStateAsync(string serviceId, string stateName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the store answers a query against the task table, i.e. the database is reachable and the schema
    /// is applied; throws otherwise. Meant for health checks.
    /// </summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
