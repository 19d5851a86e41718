using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Models;

public sealed class ModelStoreOnPostgresTests(PostgresDatabase database) : ModelStoreContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override Task EmptyAsync() => database.EmptyTableAsync("hive_models");
}
