using System.Data.Common;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace HiveOrleans.Tests.Storage;

public sealed class GrainStateQueriesOnPostgresTests(PostgresDatabase database) : GrainStateQueryContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
