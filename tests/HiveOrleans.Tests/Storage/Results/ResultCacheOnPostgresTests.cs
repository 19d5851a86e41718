using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Tests.Storage.Results;

public sealed class ResultCacheOnPostgresTests(PostgresDatabase database) : ResultCacheContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override async Task EmptyAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var empty = new NpgsqlCommand("DELETE FROM hive_result_cache", connection);
        await empty.ExecuteNonQueryAsync();
    }
}
