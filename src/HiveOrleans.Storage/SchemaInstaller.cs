using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HiveOrleans.Storage;

/// <summary>Creates or updates HiveOrleans' schema (Orleans' ADO.NET tables and ours) in a store.</summary>
public static class SchemaInstaller
{
    // Any fixed number works; it only has to be the same in every HiveOrleans process that
    // applies the schema to one database. The bytes spell "HiveOrl".
    private const long SchemaLockKey = 0x48_69_76_65_4F_72_6C;

    /// <summary>
    /// Applies every embedded script for the store's dialect, in order, in one transaction. The
    /// scripts are idempotent, so this is meant to run on every start; several processes starting
    /// at once queue behind a lock (an advisory lock on PostgreSQL, the write lock on SQLite).
    /// On SQLite it also switches the file to WAL journaling.
    /// </summary>
    public static Task ApplyAsync(StoreLocation store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);

        var scripts = SchemaScript.For(store);
        return store.Pick(
            postgres: () => ApplyToPostgresAsync(store.ConnectionString, scripts, cancellationToken),
            sqlite: () => ApplyToSqliteAsync(store.ConnectionString, scripts, cancellationToken));
    }

    private static async Task ApplyToPostgresAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        // From the stores' shared pool, so installing the schema takes no connection beyond the process's budget.
        await using var pool = PostgresPool.Rent(connectionString);
        await using var connection = await pool.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog; the lock makes
        // a second process wait and then find everything in place. It ends with the transaction.
        await using (var takeLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            takeLock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = SchemaLockKey });
            await takeLock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var script in scripts)
        {
            await using var command = new NpgsqlCommand(script.Sql, connection, transaction);
            await RunScriptAsync(command, script, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ApplyToSqliteAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // WAL lets readers (the sweeper, grain reads) proceed while a write commits. The mode is
        // stored in the file, and it cannot be changed inside a transaction, so it goes first.
        await using (var journal = new SqliteCommand("PRAGMA journal_mode=WAL;", connection))
        {
            var mode = (string?)await journal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journaling (journal_mode is '{mode}'); is the store a file?");
            }
        }

        // Not deferred: BEGIN IMMEDIATE takes the write lock up front, so a second process
        // starting at the same moment waits (busy timeout) instead of failing mid-script.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await AddSqliteColumnsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var script in scripts)
        {
            await using var command = new SqliteCommand(script.Sql, connection, transaction);
            await RunScriptAsync(command, script, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Columns added to an existing SQLite table after it was first made. SQLite's ALTER TABLE has no IF NOT EXISTS,
    /// so each is added here when the table exists without it; a table the scripts make new has them already.
    /// </summary>
    private static readonly (string Table, string Column, string Definition)[] SqliteColumnsAdded =
    [
        ("hive_task", "owner", "TEXT NULL"),
        ("hive_task", "callback_to", "TEXT NULL"),
        ("hive_task", "review_queue", "TEXT NULL"),
        ("hive_task", "review_since_ms", "INTEGER NULL"),
        ("hive_task", "review_lease", "TEXT NULL"),
        ("hive_task", "review_holder", "INTEGER NULL"),
        ("hive_task", "review_lease_until_ms", "INTEGER NULL"),
        ("hive_hash_banks", "match_transforms", "INTEGER NOT NULL DEFAULT 0"),
        ("hive_hash_banks", "settings_seq", "INTEGER NULL"),
    ];

    private static async Task AddSqliteColumnsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition) in SqliteColumnsAdded)
        {
            await using var probe = new SqliteCommand(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $table) AND NOT EXISTS (SELECT 1 FROM pragma_table_info($table) WHERE name = $column)",
                connection,
                transaction);
            probe.Parameters.AddWithValue("$table", table);
            probe.Parameters.AddWithValue("$column", column);
            if ((long)(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                continue;
            }

            // Names come from the list above, never from input.
#pragma warning disable CA2100
            await using var add = new SqliteCommand($"ALTER TABLE {table} ADD COLUMN {column} {definition}", connection, transaction);
#pragma warning restore CA2100
            await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RunScriptAsync(DbCommand command, SchemaScript script, CancellationToken cancellationToken)
    {
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw new InvalidOperationException($"Schema script '{script.Name}' failed: {exception.Message}", exception);
        }
    }
}
