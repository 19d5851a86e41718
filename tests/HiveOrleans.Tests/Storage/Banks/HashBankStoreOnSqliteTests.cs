using System.Data.Common;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HiveOrleans.Tests.Storage.Banks;

public sealed class HashBankStoreOnSqliteTests : HashBankStoreContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override StoreLocation Store => _file.Store;

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(Store.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose() => _file.Dispose();
}
