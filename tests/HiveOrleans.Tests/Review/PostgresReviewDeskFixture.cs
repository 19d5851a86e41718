using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Review;

/// <summary>The reviewer desk on a fresh PostgreSQL database.</summary>
public sealed class PostgresReviewDeskFixture : ReviewDeskFixture
{
    private readonly PostgresDatabase _database = new();

    public override StoreLocation Store => _database.Store;

    protected override Task CreateStoreAsync() => _database.InitializeAsync();

    protected override Task DropStoreAsync() => _database.DisposeAsync();
}
