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

    private const string CloseSql = "UPDATE hive_batch SET items = $2, rejected = $3 WHERE batch_id = $1";

    private const string ReadSql = "SELECT project_id, created_on, callback_url, items, rejected FROM hive_batch WHERE batch_id = $1";

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

    public async Task CloseAsync(Guid batchId, int items, int rejected, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(CloseSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = items });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rejected });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<BatchRow?> ReadAsync(Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batchId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new BatchRow(
            batchId,
            reader.GetInt64(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4));
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
}
