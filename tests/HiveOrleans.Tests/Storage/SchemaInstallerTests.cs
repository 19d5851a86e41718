using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace HiveOrleans.Tests.Storage;

public sealed class SchemaInstallerTests
{
    [Fact]
    public void Every_key_the_orleans_providers_ask_for_is_known_to_these_tests()
    {
        // Guards the reflection in OrleansQueryKeys: an empty set would make the facts below vacuous.
        Assert.Equal(9, OrleansQueryKeys.Clustering.Count);
        Assert.Equal(7, OrleansQueryKeys.Reminders.Count);
        Assert.Equal(
            ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"],
            OrleansQueryKeys.Persistence.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Applying_the_postgres_schema_twice_succeeds_and_registers_every_orleans_query()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await SchemaInstaller.ApplyAsync(database.Store);
            await SchemaInstaller.ApplyAsync(database.Store);

            Assert.Equal(OrleansQueryKeys.ForPostgres.Order(StringComparer.Ordinal), await PostgresQueryKeysAsync(database));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Installers_racing_on_a_fresh_postgres_database_all_succeed()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            using var start = new ManualResetEventSlim();
            var installers = Enumerable.Range(0, 6)
                .Select(_ => Task.Run(async () =>
                {
                    start.Wait();
                    await SchemaInstaller.ApplyAsync(database.Store);
                }))
                .ToList();
            start.Set();
            await Task.WhenAll(installers);

            Assert.Equal(OrleansQueryKeys.ForPostgres.Order(StringComparer.Ordinal), await PostgresQueryKeysAsync(database));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Applying_the_sqlite_schema_twice_succeeds_registers_the_storage_queries_and_turns_on_wal()
    {
        using var file = new SqliteFile();

        await SchemaInstaller.ApplyAsync(file.Store);
        await SchemaInstaller.ApplyAsync(file.Store);

        Assert.Equal(OrleansQueryKeys.ForSqlite.Order(StringComparer.Ordinal), await SqliteQueryKeysAsync(file));
        await using var connection = new SqliteConnection(file.Store.ConnectionString);
        await connection.OpenAsync();
        await using var journal = new SqliteCommand("PRAGMA journal_mode", connection);
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Installers_racing_on_a_fresh_sqlite_file_all_succeed()
    {
        using var file = new SqliteFile();

        using var start = new ManualResetEventSlim();
        var installers = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                await SchemaInstaller.ApplyAsync(file.Store);
            }))
            .ToList();
        start.Set();
        await Task.WhenAll(installers);

        Assert.Equal(OrleansQueryKeys.ForSqlite.Order(StringComparer.Ordinal), await SqliteQueryKeysAsync(file));
    }

    [Fact]
    public async Task A_sqlite_file_from_before_the_review_queue_gains_its_columns_and_keeps_its_tasks()
    {
        using var file = new SqliteFile();
        await using (var old = new SqliteConnection(file.Store.ConnectionString))
        {
            // hive_task as the release before the review queue made it.
            await old.OpenAsync();
            await using var create = new SqliteCommand(
                """
                CREATE TABLE hive_task (task_id TEXT NOT NULL PRIMARY KEY, project_id INTEGER NOT NULL, version INTEGER NOT NULL,
                    due_at_ms INTEGER NULL, due_reason INTEGER NOT NULL DEFAULT 0, state BLOB NULL, owner TEXT NULL, callback_to TEXT NULL);
                INSERT INTO hive_task (task_id, project_id, version, state) VALUES ('00000000-0000-0000-0000-000000000001', 4, 3, x'01');
                """,
                old);
            await create.ExecuteNonQueryAsync();
        }

        await SchemaInstaller.ApplyAsync(file.Store);

        await using var connection = new SqliteConnection(file.Store.ConnectionString);
        await connection.OpenAsync();
        await using var read = new SqliteCommand("SELECT project_id, version, review_queue IS NULL, review_lease IS NULL FROM hive_task", connection);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((4L, 3L, true, true), (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetBoolean(3)));
    }

    private static async Task<List<string>> PostgresQueryKeysAsync(PostgresDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        return await ReadKeysAsync(command);
    }

    private static async Task<List<string>> SqliteQueryKeysAsync(SqliteFile file)
    {
        await using var connection = new SqliteConnection(file.Store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT QueryKey FROM OrleansQuery", connection);
        return await ReadKeysAsync(command);
    }

    private static async Task<List<string>> ReadKeysAsync(System.Data.Common.DbCommand command)
    {
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys.Order(StringComparer.Ordinal).ToList();
    }
}
