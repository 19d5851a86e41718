using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HiveOrleans.Storage;

/// <summary>
/// Deletes idempotency claims (grain state under the name the grains give it, in the grain-state table of
/// deploy/sql/*/…-persistence.sql) last written before a cutoff. A claim only answers for a fixed window, so one far
/// past it is dead weight; the grain reads a missing row as "no claim", exactly as it treats an expired one.
/// </summary>
public sealed class IdempotencyClaimPruner : IAsyncDisposable
{
    private readonly StoreLocation _store;
    private readonly PostgresPool? _pool;
    private readonly string _sql;

    /// <param name="store">The store holding Orleans' grain-state table.</param>
    /// <param name="stateName">
    /// The grain-state name claims are stored under; the grains own it. deploy/sql/*/040-idempotency-retention.sql
    /// indexes that name's rows, and the name goes into the statement as a literal, not a parameter, so the planner
    /// can match that partial index: hence lowercase letters, digits and underscores only.
    /// </param>
    public IdempotencyClaimPruner(StoreLocation store, string stateName)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        if (!stateName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException($"A state name goes into SQL as a literal: '{stateName}' must be lowercase letters, digits and underscores.", nameof(stateName));
        }

        _store = store;
        _pool = store.Pick(postgres: () => PostgresPool.Rent(store.ConnectionString), sqlite: () => (PostgresPool?)null);
        _sql = store.Pick(
            postgres: () => $"""
                DELETE FROM orleans_grain_state
                WHERE ctid IN (
                    SELECT ctid FROM orleans_grain_state
                    WHERE state_name = '{stateName}' AND modified_at < $1 AND service_id = $2
                    LIMIT $3)
                """,
            sqlite: () => $"""
                DELETE FROM orleans_grain_state
                WHERE rowid IN (
                    SELECT rowid FROM orleans_grain_state
                    WHERE state_name = '{stateName}' AND modified_at < $modified_before AND service_id = $service_id
                    LIMIT $max)
                """);
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
            ? PruneOnPostgresAsync(pool.DataSource, _sql, serviceId, writtenBefore, max, cancellationToken)
            // Microsoft.Data.Sqlite's async methods complete synchronously; keep the caller's thread free.
            : Task.Run(() => PruneOnSqliteAsync(serviceId, writtenBefore, max, cancellationToken), cancellationToken);
    }

    public ValueTask DisposeAsync() => _pool?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static async Task<int> PruneOnPostgresAsync(NpgsqlDataSource dataSource, string sql, string serviceId, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = writtenBefore.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> PruneOnSqliteAsync(string serviceId, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_store.ConnectionString, cancellationToken).ConfigureAwait(false);
        await using var command = new SqliteCommand(_sql, connection);
        command.Parameters.AddWithValue("$modified_before", writtenBefore.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$service_id", serviceId);
        command.Parameters.AddWithValue("$max", max);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
