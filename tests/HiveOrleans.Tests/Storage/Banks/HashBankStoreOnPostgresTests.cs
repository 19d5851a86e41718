using System.Data.Common;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Tests.Storage.Banks;

public sealed class HashBankStoreOnPostgresTests(PostgresDatabase database) : HashBankStoreContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
