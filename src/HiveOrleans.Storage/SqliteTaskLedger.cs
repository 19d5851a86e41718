using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage;

/// <summary>
/// The task ledger in a SQLite file (embedded mode). Every statement it runs is in this class, so
/// batching (group commit) can replace the one-statement-per-call methods without touching callers.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, so a claim is a single UPDATE and needs no row locks; other
/// connections wait for the write lock within the command timeout. Task ids are stored as text,
/// due times as Unix milliseconds (see deploy/sql/sqlite/010-task-ledger.sql).
/// </remarks>
internal sealed class SqliteTaskLedger(string connectionString, TimeProvider clock) : ITaskLedger
{
    private const string ScheduleSql = """
        INSERT INTO hive_task_ledger (task_id, due_at_ms, project_id, reason) VALUES ($task_id, $due_at_ms, $project_id, $reason)
        ON CONFLICT (task_id) DO UPDATE SET due_at_ms = excluded.due_at_ms, project_id = excluded.project_id, reason = excluded.reason
        """;

    private const string ListSql = """
        SELECT task_id, due_at_ms FROM hive_task_ledger
        WHERE project_id = $project_id AND reason = $reason
        ORDER BY due_at_ms
        LIMIT $limit
        """;

    private const string RemoveSql = "DELETE FROM hive_task_ledger WHERE task_id = $task_id";

    private const string ClaimDueSql = """
        UPDATE hive_task_ledger
        SET due_at_ms = $leased_until_ms
        WHERE task_id IN (
            SELECT task_id
            FROM hive_task_ledger
            WHERE due_at_ms <= $now_ms
            ORDER BY due_at_ms
            LIMIT $max)
        RETURNING task_id
        """;

    private const string CountSql = "SELECT count(*) FROM hive_task_ledger";

    // Touches the ledger table, not just the server, so a missing schema fails the probe too.
    private const string PingSql = "SELECT 1 FROM hive_task_ledger LIMIT 1";

    // Microsoft.Data.Sqlite's async methods complete synchronously, and a write waiting for SQLite's one writer lock
    // would hold the caller's thread: when the caller is a grain, an Orleans scheduler thread. Each call therefore
    // runs on the thread pool.
    public Task ScheduleAsync(TaskLedgerEntry entry, CancellationToken cancellationToken = default) =>
        Task.Run(() => ScheduleCoreAsync(entry, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<TaskLedgerEntry>> ListAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default) =>
        Task.Run(() => ListCoreAsync(projectId, reason, limit, cancellationToken), cancellationToken);

    public Task RemoveAsync(Guid taskId, CancellationToken cancellationToken = default) =>
        Task.Run(() => RemoveCoreAsync(taskId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Task.Run(() => ClaimDueCoreAsync(max, lease, cancellationToken), cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => CountCoreAsync(cancellationToken), cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => PingCoreAsync(cancellationToken), cancellationToken);

    private async Task ScheduleCoreAsync(TaskLedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(ScheduleSql, connection);
        command.Parameters.AddWithValue("$task_id", ToText(entry.TaskId));
        command.Parameters.AddWithValue("$due_at_ms", entry.DueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$project_id", entry.ProjectId);
        command.Parameters.AddWithValue("$reason", (short)entry.Reason);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TaskLedgerEntry>> ListCoreAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(ListSql, connection);
        command.Parameters.AddWithValue("$project_id", projectId);
        command.Parameters.AddWithValue("$reason", (short)reason);
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<TaskLedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new TaskLedgerEntry(
                Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                projectId,
                reason));
        }

        return entries;
    }

    private async Task RemoveCoreAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(RemoveSql, connection);
        command.Parameters.AddWithValue("$task_id", ToText(taskId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Guid>> ClaimDueCoreAsync(int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);

        var now = clock.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(ClaimDueSql, connection);
        command.Parameters.AddWithValue("$now_ms", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", max);
        command.Parameters.AddWithValue("$leased_until_ms", (now + lease).ToUnixTimeMilliseconds());

        var claimed = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        }

        return claimed;
    }

    private async Task<long> CountCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(CountSql, connection);
        var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return (long)count!;
    }

    private async Task PingCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(PingSql, connection);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(connectionString, cancellationToken);

    private static string ToText(Guid taskId) => taskId.ToString("D", CultureInfo.InvariantCulture);
}
