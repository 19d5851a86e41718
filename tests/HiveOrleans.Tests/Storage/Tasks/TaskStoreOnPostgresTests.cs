using System.Data.Common;
using System.Globalization;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace HiveOrleans.Tests.Storage.Tasks;

public sealed class TaskStoreOnPostgresTests(PostgresDatabase database) : TaskStoreContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Store => database.Store;

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override Task InsertLegacyLedgerRowAsync(Guid taskId, DateTimeOffset dueAt, long projectId, short reason) =>
        ExecuteAsync(string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO hive_task_ledger (task_id, due_at, project_id, reason) VALUES ('{taskId:D}', '{dueAt.UtcDateTime:O}', {projectId}, {reason})"));
}
