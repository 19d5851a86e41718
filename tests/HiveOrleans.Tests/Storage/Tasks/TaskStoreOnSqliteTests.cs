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
