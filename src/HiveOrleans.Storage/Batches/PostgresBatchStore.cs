using Npgsql;

namespace HiveOrleans.Storage.Batches;

/// <summary>The batch store on PostgreSQL (deploy/sql/postgresql/070-batches.sql).</summary>
internal sealed class PostgresBatchStore(string connectionString) : IBatchStore, IAsyncDisposable
{
    private const string CreateSql = """
        INSERT INTO hive_batch (batch_id, project_id, created_on, callback_url) VALUES ($1, $2, $3, $4)
        ON CONFLICT (batch_id) DO NOTHING
        """;

    private const string AddChunkSql = """
        INSERT INTO hive_batch_chunk (batch_id, chunk, task_ids) VALUES ($1, $2, $3)
        ON CONFLICT (batch_id, chunk) DO UPDATE SET task_ids = excluded.task_ids
        """;

    private const string CloseSql = "UPDATE hive_batch SET items = $2, rejected = $3, callback_due_at = CASE WHEN callback_url IS NULL THEN NULL ELSE $4 END WHERE batch_id = $1";

    private const string ReadSql = "SELECT batch_id, project_id, created_on, callback_url, items, rejected, callback_attempts, callback_outcome FROM hive_batch WHERE batch_id = $1";

    // SKIP LOCKED and the pushed due time keep two silos off the same batch, as the task sweeper's claim does.
    private const string ClaimSql = """
        WITH due AS MATERIALIZED (
            SELECT batch_id FROM hive_batch WHERE callback_due_at <= $1 ORDER BY callback_due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        UPDATE hive_batch AS b SET callback_due_at = $3 FROM due WHERE b.batch_id = due.batch_id
        RETURNING b.batch_id, b.project_id, b.created_on, b.callback_url, b.items, b.rejected, b.callback_attempts, b.callback_outcome
        """;

    private const string ScheduleSql = "UPDATE hive_batch SET callback_due_at = $2, callback_attempts = $3, callback_outcome = $4 WHERE batch_id = $1";

    // The one statement outside the task store that touches hive_task: it moves due times only, as the sweeper's claim does.
    private const string StartSql = """
        UPDATE hive_task SET due_at = $2
        WHERE task_id IN (SELECT unnest(task_ids) FROM hive_batch_chunk WHERE batch_id = $1) AND due_at > $2
        """;

    private const string ListSql = """
        SELECT u.task_id FROM hive_batch_chunk c CROSS JOIN LATERAL unnest(c.task_ids) WITH ORDINALITY AS u(task_id, n)
        WHERE c.batch_id = $1 ORDER BY c.chunk, u.n
        """;

    // The phase is read from the task's state (System.Text.Json of TaskState, "Phase" as a number) by the primary key of
    // each id the chunks list: a batch's count touches its own rows only, however many tasks are stored.
    private const string CountSql = """
        SELECT (convert_from(t.state, 'UTF8')::jsonb ->> 'Phase')::integer AS phase, count(*)
        FROM hive_batch_chunk c
        CROSS JOIN LATERAL unnest(c.task_ids) AS u(task_id)
        JOIN hive_task t ON t.task_id = u.task_id
        WHERE c.batch_id = $1 AND t.state IS NOT NULL AND length(t.state) > 0
        GROUP BY 1
        """;

    private readonly PostgresPool _pool = PostgresPool.Rent(connectionString);

    public async Task CreateAsync(BatchRow batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var command = _pool.DataSource.CreateCommand(CreateSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batch.BatchId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = batch.ProjectId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = batch.CreatedOn });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = batch.CallbackUrl });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddChunkAsync(Guid batchId, int chunk, IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        await using var command = _pool.DataSource.CreateCommand(AddChunkSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = chunk });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. taskIds] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CloseAsync(Guid batchId, int items, int rejected, DateTimeOffset? callbackDueAt, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(CloseSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = items });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rejected });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = callbackDueAt });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BatchRow>> ClaimCallbacksAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil });
        var rows = new List<BatchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(RowOf(reader));
        }

        return rows;
    }

    public async Task ScheduleCallbackAsync(Guid batchId, DateTimeOffset? dueAt, int attempts, string? outcome, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ScheduleSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = dueAt });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempts });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = outcome });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> StartTasksAsync(Guid batchId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(StartSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Guid>> ListTaskIdsAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public async Task<BatchRow?> ReadAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? RowOf(reader) : null;
    }

    public async Task<IReadOnlyDictionary<int, long>> CountPhasesAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(CountSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        var counts = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!reader.IsDBNull(0))
            {
                counts[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        return counts;
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private static BatchRow RowOf(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetInt64(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetInt32(4),
        reader.IsDBNull(5) ? null : reader.GetInt32(5),
        reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7));
}
