using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Storage.Results;

/// <summary>
/// The result cache in a SQLite file (embedded mode; see deploy/sql/sqlite/021-result-cache.sql). Every statement it
/// runs is in this class. Task ids are stored as text, times as Unix milliseconds. Stores are group-committed: every
/// store that queued while the previous transaction committed goes into the next one, so a busy silo pays one commit
/// (and one turn at SQLite's single writer) for many results.
/// </summary>
internal sealed class SqliteResultCache : IResultCache, IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    private const string FindSql = """
        SELECT task_id, output, completed_at_ms FROM hive_result_cache
        WHERE project_id = $project_id AND config_version = $config_version AND input_hash = $input_hash
        """;

    // The first writer wins: a second result for the same input is as good as the first, and keeping the first means
    // a reader never sees an entry change.
    private const string StoreSql = """
        INSERT INTO hive_result_cache (project_id, config_version, input_hash, task_id, output, completed_at_ms, cached_at_ms)
        VALUES ($project_id, $config_version, $input_hash, $task_id, $output, $completed_at_ms, $cached_at_ms)
        ON CONFLICT (project_id, config_version, input_hash) DO NOTHING
        """;

    private const string PruneSql = """
        DELETE FROM hive_result_cache
        WHERE rowid IN (SELECT rowid FROM hive_result_cache WHERE cached_at_ms < $cached_before_ms ORDER BY cached_at_ms LIMIT $max)
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly Batcher<CachedResult, bool> _stores;

    public SqliteResultCache(string connectionString, TimeProvider clock)
    {
        _connectionString = connectionString;
        _clock = clock;
        _stores = new Batcher<CachedResult, bool>(StoreMany, MaxBatch, workers: 1, name: "results.store");
    }

    // Microsoft.Data.Sqlite's async methods complete synchronously, and a write waiting for SQLite's one writer lock
    // would hold the caller's thread: when the caller is a grain, an Orleans scheduler thread. Each call therefore
    // runs on the thread pool, or on the batcher's worker.
    public Task<CachedResult?> FindAsync(long projectId, int configVersion, string inputHash, CancellationToken cancellationToken = default) =>
        Task.Run(() => FindCoreAsync(projectId, configVersion, inputHash, cancellationToken), cancellationToken);

    public Task StoreAsync(CachedResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(result.InputHash, nameof(result));
        ArgumentNullException.ThrowIfNull(result.Output, nameof(result));
        return _stores.EnqueueAsync(result, cancellationToken);
    }

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    public Task<int> PruneAsync(DateTimeOffset cachedBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return Task.Run(() => PruneCoreAsync(cachedBefore, max, cancellationToken), cancellationToken);
    }

    private async Task<int> PruneCoreAsync(DateTimeOffset cachedBefore, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(PruneSql, connection);
        command.Parameters.AddWithValue("$cached_before_ms", cachedBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", max);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<CachedResult?> FindCoreAsync(long projectId, int configVersion, string inputHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputHash);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(FindSql, connection);
        command.Parameters.AddWithValue("$project_id", projectId);
        command.Parameters.AddWithValue("$config_version", configVersion);
        command.Parameters.AddWithValue("$input_hash", inputHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new CachedResult(
            projectId,
            configVersion,
            inputHash,
            Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
            reader.GetFieldValue<byte[]>(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
    }

    private Task<IReadOnlyList<bool>> StoreMany(IReadOnlyList<CachedResult> results, CancellationToken cancellationToken)
    {
        using var connection = SqliteConnections.Open(_connectionString);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = new SqliteCommand(StoreSql, connection, transaction);
        var projectId = command.Parameters.Add("$project_id", SqliteType.Integer);
        var configVersion = command.Parameters.Add("$config_version", SqliteType.Integer);
        var inputHash = command.Parameters.Add("$input_hash", SqliteType.Text);
        var taskId = command.Parameters.Add("$task_id", SqliteType.Text);
        var output = command.Parameters.Add("$output", SqliteType.Blob);
        var completedAt = command.Parameters.Add("$completed_at_ms", SqliteType.Integer);
        var cachedAt = command.Parameters.Add("$cached_at_ms", SqliteType.Integer);
        cachedAt.Value = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var result in results)
        {
            projectId.Value = result.ProjectId;
            configVersion.Value = result.ConfigVersion;
            inputHash.Value = result.InputHash;
            taskId.Value = result.TaskId.ToString("D", CultureInfo.InvariantCulture);
            output.Value = result.Output;
            completedAt.Value = result.CompletedOn.ToUnixTimeMilliseconds();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult<IReadOnlyList<bool>>([.. results.Select(_ => true)]);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(_connectionString, cancellationToken);
}
