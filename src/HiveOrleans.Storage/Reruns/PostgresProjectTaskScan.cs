using Npgsql;

namespace HiveOrleans.Storage.Reruns;

/// <summary>A project's tasks read in pages on PostgreSQL, through the index hive_task_by_project.</summary>
internal sealed class PostgresProjectTaskScan(string connectionString) : IProjectTaskScan, IAsyncDisposable
{
    private const string PageSql = """
        SELECT task_id, state FROM hive_task
        WHERE project_id = $1 AND task_id > $2 AND task_id < $3
        ORDER BY task_id
        LIMIT $4
        """;

    private const string CountSql = "SELECT count(*) FROM hive_task WHERE project_id = $1 AND task_id > $2 AND task_id < $3";

    private readonly PostgresPool _pool = PostgresPool.Rent(connectionString);

    public async Task<IReadOnlyList<ScannedTask>> ReadPageAsync(long projectId, Guid after, Guid before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _pool.DataSource.CreateCommand(PageSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = projectId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = before });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var page = new List<ScannedTask>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(new ScannedTask(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1)));
        }

        return page;
    }

    public async Task<long> CountAsync(long projectId, Guid after, Guid before, CancellationToken cancellationToken = default)
    {
        await using var command = _pool.DataSource.CreateCommand(CountSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = projectId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = before });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
