using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Results;

public sealed class ResultCacheOnPostgresTests(PostgresDatabase database) : ResultCacheContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override Task EmptyAsync() => database.EmptyTableAsync("hive_result_cache");
}
