using Npgsql;

namespace HiveOrleans.Storage;

/// <summary>
/// The task ledger on PostgreSQL. Every statement it runs is in this class, so batching (group
/// commit) can replace the one-statement-per-call methods without touching callers.
/// </summary>
internal sealed class PostgresTaskLedger : ITaskLedger, IAsyncDisposable
{
    private const string ScheduleSql = """
        INSERT INTO hive_task_ledger (task_id, due_at, project_id, reason) VALUES ($1, $2, $3, $4)
        ON CONFLICT (task_id) DO UPDATE SET due_at = EXCLUDED.due_at, project_id = EXCLUDED.project_id, reason = EXCLUDED.reason
        """;

    private const string ListSql = """
        SELECT task_id, due_at FROM hive_task_ledger
        WHERE project_id = $1 AND reason = $2
        ORDER BY due_at
        LIMIT $3
        """;

    private const string RemoveSql = "DELETE FROM hive_task_ledger WHERE task_id = $1";

    // SKIP LOCKED lets concurrent sweepers each take a different slice of the due rows instead of
    // queueing on the same ones. MATERIALIZED pins the locking sub-select to a single evaluation;
    // inlined into a join it could be re-scanned and lock (and lease) more than $2 rows.
    private const string ClaimDueSql = """
        WITH due AS MATERIALIZED (
            SELECT task_id
            FROM hive_task_ledger
            WHERE due_at <= $1
            ORDER BY due_at
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
        UPDATE hive_task_ledger AS ledger
        SET due_at = $3
        FROM due
        WHERE ledger.task_id = due.task_id
        RETURNING ledger.task_id
        """;

    private const string CountSql = "SELECT count(*) FROM hive_task_ledger";

    // Touches the ledger table, not just the server, so a missing schema fails the probe too.
    private const string PingSql = "SELECT 1 FROM hive_task_ledger LIMIT 1";

    private readonly PostgresPool _pool;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;

    public PostgresTaskLedger(string connectionString, TimeProvider clock)
    {
        _pool = PostgresPool.Rent(connectionString);
        _dataSource = _pool.DataSource;
        _clock = clock;
    }

    public async Task ScheduleAsync(TaskLedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _dataSource.CreateCommand(ScheduleSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entry.TaskId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.DueAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.ProjectId });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)entry.Reason });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TaskLedgerEntry>> ListAsync(long projectId, TaskLedgerReason reason, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = projectId });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)reason });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var entries = new List<TaskLedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new TaskLedgerEntry(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), projectId, reason));
        }

        return entries;
    }

    public async Task RemoveAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(RemoveSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = taskId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.Zero);

        var now = _clock.GetUtcNow();
        await using var command = _dataSource.CreateCommand(ClaimDueSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });

        var claimed = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(reader.GetGuid(0));
        }

        return claimed;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(CountSql);
        var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return (long)count!;
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PingSql);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
