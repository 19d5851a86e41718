using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Review;

/// <summary>The reviewer desk on a fresh SQLite file (embedded mode).</summary>
public sealed class SqliteReviewDeskFixture : ReviewDeskFixture
{
    private readonly SqliteFile _file = new();

    public override StoreLocation Store => _file.Store;

    protected override Task CreateStoreAsync() => System.Threading.Tasks.Task.CompletedTask;

    protected override Task DropStoreAsync()
    {
        _file.Dispose();
        return System.Threading.Tasks.Task.CompletedTask;
    }
}
