using System.Data.Common;
using System.Globalization;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Tasks;

/// <summary>
/// Tasks stored by the previous layout (state in Orleans' grain storage under "task", a row in hive_task_ledger while
/// work was owed) are still read, and an unfinished one is finished, after an upgrade to one row per task.
/// </summary>
public sealed class LegacyTaskLayoutTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly Dictionary<string, string?> FastRecovery = new()
    {
        ["HiveOrleans:Tasks:RecoverAfter"] = "00:00:01",
        ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.200",
    };

    [Fact]
    public Task On_postgres_tasks_of_the_old_layout_are_read_and_finished() =>
        UpgradeAsync(database.Store, async sql =>
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }, (id, due) => $"INSERT INTO hive_task_ledger (task_id, due_at, project_id, reason) VALUES ('{id:D}', '{due.UtcDateTime:O}', 1, 0)");

    [Fact]
    public async Task On_sqlite_tasks_of_the_old_layout_are_read_and_finished()
    {
        using var file = new SqliteFile();
        await UpgradeAsync(file.Store, async sql =>
        {
            await using var connection = new SqliteConnection(file.Store.ConnectionString);
            await connection.OpenAsync();
            await using var command = new SqliteCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }, (id, due) => $"INSERT INTO hive_task_ledger (task_id, due_at_ms, project_id, reason) VALUES ('{id:D}', {due.ToUnixTimeMilliseconds()}, 1, 0)");
    }

    private static async Task UpgradeAsync(StoreLocation store, Func<string, Task> execute, Func<Guid, DateTimeOffset, FormattableString> ledgerRow)
    {
        var serviceId = "legacy-" + Guid.NewGuid().ToString("N")[..8];
        var pending = Guid.CreateVersion7();
        var finished = Guid.CreateVersion7();

        // The old way: state through the "hive" grain storage under the state name "task", plus a ledger row for the
        // task that still owed work. Nothing is activated: only the storage provider is used.
        await using (var previous = await HiveTestCluster.StartAsync(store, silos: 1, serviceId: serviceId))
        {
            var storage = previous.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
            await WriteOldStateAsync(previous, storage, pending, new TaskState { Submission = TextSubmissions.Async("I will kill you."), Phase = TaskPhase.Pending });
            await WriteOldStateAsync(previous, storage, finished, new TaskState
            {
                Submission = TextSubmissions.Async("an old one"),
                Phase = TaskPhase.Failed,
                ErrorCode = "MODEL_FAILED",
                ErrorMessage = "from the old layout",
                CompletedOn = DateTimeOffset.UtcNow,
            });
            await execute(FormattableString.Invariant(ledgerRow(pending, DateTimeOffset.UtcNow.AddMinutes(-1))));
        }

        await using var upgraded = await HiveTestCluster.StartAsync(store, silos: 1, FastRecovery, serviceId: serviceId);

        // Nobody asks for the pending task: the sweeper finds its carried-over row and finishes it.
        await using var tasks = (IAsyncDisposable)TaskStoreFactory.Create(store);
        await Eventually.UntilAsync(() => ((ITaskStore)tasks).CountDueAsync(), due => due == 0, TimeSpan.FromSeconds(60), "the old ledger row to be worked off (no row due)");
        var done = await upgraded.Client.GetGrain<ITaskGrain>(pending).GetAsync();
        Assert.NotNull(done);
        Assert.Equal(TaskPhase.Succeeded, done.Phase);
        Assert.Contains(done.Output!.Entries.SelectMany(e => e.Classes), c => c.Class == "violence" && c.Score == 3);
        Assert.NotNull((await ((ITaskStore)tasks).ReadAsync(pending))!.State);

        var old = await upgraded.Client.GetGrain<ITaskGrain>(finished).GetAsync();
        Assert.NotNull(old);
        Assert.Equal(TaskPhase.Failed, old.Phase);
        Assert.Equal("from the old layout", old.ErrorMessage);
        Assert.Equal("an old one", old.Submission.TextData);
    }

    private static async Task WriteOldStateAsync(InProcessTestCluster cluster, IGrainStorage storage, Guid taskId, TaskState state)
    {
        var grainId = cluster.Client.GetGrain<ITaskGrain>(taskId).GetGrainId();
        await storage.WriteStateAsync(StorageNames.Task, grainId, new GrainState<TaskState>(state));
    }
}
