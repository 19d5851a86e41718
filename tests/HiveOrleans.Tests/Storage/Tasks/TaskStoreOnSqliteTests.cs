using System.Data.Common;
using System.Globalization;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HiveOrleans.Tests.Storage.Tasks;

public sealed class TaskStoreOnSqliteTests : TaskStoreContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override StoreLocation Store => _file.Store;

    [Fact]
    public async Task A_ping_fails_on_a_store_without_the_schema()
    {
        using var bare = new SqliteFile();
        await using var store = (IAsyncDisposable)TaskStoreFactory.Create(bare.Store);

        await Assert.ThrowsAsync<SqliteException>(() => ((ITaskStore)store).PingAsync());
    }

    [Fact]
    public async Task A_task_table_made_before_the_owner_columns_gets_them_and_keeps_its_rows()
    {
        using var old = new SqliteFile();
        var task = Guid.NewGuid();
        await using (var connection = new SqliteConnection(old.Store.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new SqliteCommand(string.Create(CultureInfo.InvariantCulture, $"""
                CREATE TABLE hive_task (task_id TEXT NOT NULL PRIMARY KEY, project_id INTEGER NOT NULL, version INTEGER NOT NULL,
                    due_at_ms INTEGER NULL, due_reason INTEGER NOT NULL DEFAULT 0, state BLOB NULL);
                INSERT INTO hive_task VALUES ('{task:D}', 3, 1, 0, 0, x'01');
                """), connection);
            await create.ExecuteNonQueryAsync();
        }

        await SchemaInstaller.ApplyAsync(old.Store);
        await SchemaInstaller.ApplyAsync(old.Store);
        await using var store = (IAsyncDisposable)TaskStoreFactory.Create(old.Store);
        var tasks = (ITaskStore)store;

        Assert.Equal([1], (await tasks.ReadAsync(task))!.State);
        await tasks.WriteAsync(new TaskWrite(task, 3, 1, DateTimeOffset.UtcNow.AddMinutes(1), TaskLedgerReason.Work, [2]) { Owner = "silo-a" });
        Assert.Equal(1, await tasks.ExpediteOwnedByAsync("silo-a"));
    }

    public void Dispose() => _file.Dispose();

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(Store.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override Task InsertLegacyLedgerRowAsync(Guid taskId, DateTimeOffset dueAt, long projectId, short reason) =>
        ExecuteAsync(string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO hive_task_ledger (task_id, due_at_ms, project_id, reason) VALUES ('{taskId:D}', {dueAt.ToUnixTimeMilliseconds()}, {projectId}, {reason})"));
}
