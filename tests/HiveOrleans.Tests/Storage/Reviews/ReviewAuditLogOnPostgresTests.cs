using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Tests.Storage.Reviews;

public sealed class ReviewAuditLogOnPostgresTests(PostgresDatabase database) : ReviewAuditLogContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override async Task EmptyAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var empty = new NpgsqlCommand("DELETE FROM hive_review_audit", connection);
        await empty.ExecuteNonQueryAsync();
    }
}
