using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Models;

public sealed class ModelStoreOnSqliteTests : ModelStoreContract, IDisposable
{
    private readonly SqliteFile _file = new();

    protected override StoreLocation Store => _file.Store;

    // Each fact has its own file, and the schema has just created the table in it.
    protected override Task EmptyAsync() => Task.CompletedTask;

    public void Dispose() => _file.Dispose();
}
