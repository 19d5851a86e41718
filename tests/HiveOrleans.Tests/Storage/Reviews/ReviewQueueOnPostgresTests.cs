using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Reviews;

public sealed class ReviewQueueOnPostgresTests(PostgresDatabase database) : ReviewQueueContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override Task EmptyAsync() => database.EmptyTableAsync("hive_task");
}
