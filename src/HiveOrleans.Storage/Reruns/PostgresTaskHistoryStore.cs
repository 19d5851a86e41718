using Npgsql;

namespace HiveOrleans.Storage.Reruns;

/// <summary>Task histories on PostgreSQL (deploy/sql/postgresql/080-reruns.sql); appends are group-committed.</summary>
internal sealed class PostgresTaskHistoryStore : ITaskHistoryStore, IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    private const string AppendSql = """
        INSERT INTO hive_task_history (task_id, superseded_by, recorded_on, entry)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::bytea[])
        ON CONFLICT (task_id, superseded_by) DO NOTHING
        """;

    private const string ReadSql = """
        SELECT superseded_by, recorded_on, entry FROM hive_task_history WHERE task_id = $1 ORDER BY recorded_on, superseded_by
        """;

    private readonly PostgresPool _pool;
    private readonly Batcher<HistoryRecord, bool> _appends;

    public PostgresTaskHistoryStore(string connectionString)
    {
        _pool = PostgresPool.Rent(connectionString);
        _appends = new Batcher<HistoryRecord, bool>(AppendManyAsync, MaxBatch, workers: 1, name: "history.append");
    }

    public Task AppendAsync(HistoryRecord entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _appends.EnqueueAsync(entry, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryRecord>> ReadAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = taskId });
        var records = new List<HistoryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new HistoryRecord(taskId, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<byte[]>(2)));
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await _appends.DisposeAsync().ConfigureAwait(false);
        await _pool.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<bool>> AppendManyAsync(IReadOnlyList<HistoryRecord> records, CancellationToken cancellationToken)
    {
        await using var command = _pool.DataSource.CreateCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. records.Select(r => r.TaskId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. records.Select(r => r.SupersededBy)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. records.Select(r => r.RecordedOn.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. records.Select(r => r.Entry)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(_ => true)];
    }
}
