using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Reviews;

public sealed class ReviewAuditLogOnPostgresTests(PostgresDatabase database) : ReviewAuditLogContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override Task EmptyAsync() => database.EmptyTableAsync("hive_review_audit");
}
