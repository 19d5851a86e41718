using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HiveOrleans.Storage;

/// <summary>
/// Deletes idempotency claims (grain state named <see cref="StateName"/>, in the grain-state table of
/// deploy/sql/*/…-persistence.sql) last written before a cutoff. A claim only answers for a fixed window, so one far
/// past it is dead weight; the grain reads a missing row as "no claim", exactly as it treats an expired one.
/// </summary>
public sealed class IdempotencyClaimPruner : IAsyncDisposable
{
    /// <summary>The grain-state name idempotency claims are stored under (the partial index is on this literal).</summary>
    public const string StateName = "idempotency";

    // The state name is a literal in the text, not a parameter, so the planner can match the partial index.
    private const string PostgresSql = $"""
        DELETE FROM orleans_grain_state
        WHERE ctid IN (
            SELECT ctid FROM orleans_grain_state
            WHERE state_name = '{StateName}' AND modified_at < $1 AND service_id = $2
            LIMIT $3)
        """;

    private const string SqliteSql = $"""
        DELETE FROM orleans_grain_state
        WHERE rowid IN (
            SELECT rowid FROM orleans_grain_state
            WHERE state_name = '{StateName}' AND modified_at < $modified_before AND service_id = $service_id
            LIMIT $max)
        """;

    private readonly StoreLocation _store;
    private readonly PostgresPool? _pool;

    public IdempotencyClaimPruner(StoreLocation store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _pool = store.Pick(postgres: () => PostgresPool.Rent(store.ConnectionString), sqlite: () => (PostgresPool?)null);
    }

    /// <summary>
    /// Deletes up to <paramref name="max"/> claims of <paramref name="serviceId"/> last written before
    /// <paramref name="writtenBefore"/>; returns how many went.
    /// </summary>
    public Task<int> PruneAsync(string serviceId, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return _pool is { } pool
            ? PruneOnPostgresAsync(pool.DataSource, serviceId, writtenBefore, max, cancellationToken)
            // Microsoft.Data.Sqlite's async methods complete synchronously; keep the caller's thread free.
            : Task.Run(() => PruneOnSqliteAsync(serviceId, writtenBefore, max, cancellationToken), cancellationToken);
    }

    public ValueTask DisposeAsync() => _pool?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static async Task<int> PruneOnPostgresAsync(NpgsqlDataSource dataSource, string serviceId, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PostgresSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = writtenBefore.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> PruneOnSqliteAsync(string serviceId, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_store.ConnectionString, cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(SqliteSql, connection);
        command.Parameters.AddWithValue("$modified_before", writtenBefore.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$service_id", serviceId);
        command.Parameters.AddWithValue("$max", max);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
