using System.Data.Common;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HiveOrleans.Tests.Storage;

public sealed class TaskLedgerOnSqliteTests : TaskLedgerContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override StoreLocation Store => _file.Store;

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(Store.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [Fact]
    public async Task A_ping_fails_on_a_store_without_the_schema()
    {
        using var bare = new SqliteFile();

        await Assert.ThrowsAsync<SqliteException>(() => TaskLedgerFactory.Create(bare.Store).PingAsync());
    }

    public void Dispose() => _file.Dispose();
}
