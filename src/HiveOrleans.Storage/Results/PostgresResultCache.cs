using Npgsql;

namespace HiveOrleans.Storage.Results;

/// <summary>
/// The result cache on PostgreSQL (see deploy/sql/postgresql/021-result-cache.sql). Every statement it runs is in this
/// class. Every task looks here once and most store once, so lookups and stores are group-committed: the calls that
/// queue while a round trip is out share the next one (<see cref="Batcher{TItem, TResult}"/>), one statement each way.
/// </summary>
internal sealed class PostgresResultCache : IResultCache, IAsyncDisposable
{
    private const int MaxBatch = 500;
    private const int Workers = 2;

    // WITH ORDINALITY numbers the keys, so each row found goes back to the call that asked for it.
    private const string FindSql = """
        SELECT k.ord, c.task_id, c.output, c.completed_at
        FROM unnest($1::bigint[], $2::integer[], $3::text[]) WITH ORDINALITY AS k(project_id, config_version, input_hash, ord)
        JOIN hive_result_cache c
          ON c.project_id = k.project_id AND c.config_version = k.config_version AND c.input_hash = k.input_hash
        """;

    // The first writer wins: a second result for the same input is as good as the first, and keeping the first means
    // a reader never sees an entry change. DO NOTHING also settles two stores of one key in the same batch.
    private const string StoreSql = """
        INSERT INTO hive_result_cache (project_id, config_version, input_hash, task_id, output, completed_at, cached_at)
        SELECT r.project_id, r.config_version, r.input_hash, r.task_id, r.output, r.completed_at, $7
        FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::uuid[], $5::bytea[], $6::timestamptz[])
          AS r(project_id, config_version, input_hash, task_id, output, completed_at)
        ON CONFLICT (project_id, config_version, input_hash) DO NOTHING
        """;

    private const string PruneSql = """
        DELETE FROM hive_result_cache
        WHERE ctid IN (SELECT ctid FROM hive_result_cache WHERE cached_at < $1 ORDER BY cached_at LIMIT $2)
        """;

    private readonly PostgresPool _pool;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly Batcher<Key, CachedResult?> _finds;
    private readonly Batcher<CachedResult, bool> _stores;

    public PostgresResultCache(string connectionString, TimeProvider clock)
    {
        _pool = PostgresPool.Rent(connectionString);
        _dataSource = _pool.DataSource;
        _clock = clock;
        _finds = new Batcher<Key, CachedResult?>(FindManyAsync, MaxBatch, Workers, name: "results.find");
        _stores = new Batcher<CachedResult, bool>(StoreManyAsync, MaxBatch, Workers, name: "results.store");
    }

    public Task<CachedResult?> FindAsync(long projectId, int configVersion, string inputHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputHash);
        return _finds.EnqueueAsync(new Key(projectId, configVersion, inputHash), cancellationToken);
    }

    public Task StoreAsync(CachedResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(result.InputHash, nameof(result));
        ArgumentNullException.ThrowIfNull(result.Output, nameof(result));
        return _stores.EnqueueAsync(result, cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset cachedBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var command = _dataSource.CreateCommand(PruneSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cachedBefore.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _finds.DisposeAsync().ConfigureAwait(false);
        await _stores.DisposeAsync().ConfigureAwait(false);
        await _pool.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<CachedResult?>> FindManyAsync(IReadOnlyList<Key> keys, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. keys.Select(k => k.ProjectId)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. keys.Select(k => k.ConfigVersion)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => k.InputHash)] });
        var found = new CachedResult?[keys.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = (int)reader.GetInt64(0) - 1;
            var key = keys[index];
            found[index] = new CachedResult(
                key.ProjectId,
                key.ConfigVersion,
                key.InputHash,
                reader.GetGuid(1),
                reader.GetFieldValue<byte[]>(2),
                reader.GetFieldValue<DateTimeOffset>(3));
        }

        return found;
    }

    private async Task<IReadOnlyList<bool>> StoreManyAsync(IReadOnlyList<CachedResult> results, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(StoreSql);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. results.Select(r => r.ProjectId)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. results.Select(r => r.ConfigVersion)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. results.Select(r => r.InputHash)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. results.Select(r => r.TaskId)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. results.Select(r => r.Output)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. results.Select(r => TruncateToMilliseconds(r.CompletedOn))] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _clock.GetUtcNow().ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return [.. results.Select(_ => true)];
    }

    // SQLite keeps milliseconds; cutting here too makes both stores hand back the same time.
    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private readonly record struct Key(long ProjectId, int ConfigVersion, string InputHash);
}
