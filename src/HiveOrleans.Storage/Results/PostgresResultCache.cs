using Npgsql;

namespace HiveOrleans.Storage.Results;

/// <summary>The result cache on PostgreSQL (see deploy/sql/postgresql/021-result-cache.sql). Every statement it runs is in this class.</summary>
internal sealed class PostgresResultCache : IResultCache, IAsyncDisposable
{
    private const string FindSql = """
        SELECT task_id, output, completed_at FROM hive_result_cache
        WHERE project_id = $1 AND config_version = $2 AND input_hash = $3
        """;

    // The first writer wins: a second result for the same input is as good as the first, and keeping the first means
    // a reader never sees an entry change.
    private const string StoreSql = """
        INSERT INTO hive_result_cache (project_id, config_version, input_hash, task_id, output, completed_at, cached_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (project_id, config_version, input_hash) DO NOTHING
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;

    public PostgresResultCache(string connectionString, TimeProvider clock)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _clock = clock;
    }

    public async Task<CachedResult?> FindAsync(long projectId, int configVersion, string inputHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputHash);
        await using var command = _dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = projectId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = configVersion });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = inputHash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new CachedResult(
            projectId,
            configVersion,
            inputHash,
            reader.GetGuid(0),
            reader.GetFieldValue<byte[]>(1),
            reader.GetFieldValue<DateTimeOffset>(2));
    }

    public async Task StoreAsync(CachedResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(result.InputHash, nameof(result));
        ArgumentNullException.ThrowIfNull(result.Output, nameof(result));

        await using var command = _dataSource.CreateCommand(StoreSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = result.ProjectId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = result.ConfigVersion });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = result.InputHash });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = result.TaskId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = result.Output });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = TruncateToMilliseconds(result.CompletedOn) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow().ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // SQLite keeps milliseconds; cutting here too makes both stores hand back the same time.
    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
