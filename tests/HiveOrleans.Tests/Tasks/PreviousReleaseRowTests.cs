using System.Text.Json.Nodes;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace HiveOrleans.Tests.Tasks;

/// <summary>
/// A rolling upgrade: rows of <c>hive_task</c> written by the release before this one (no <c>owner</c> or
/// <c>callback_to</c>, a state without <c>HandedOver</c>) are read, resumed and finished by this one.
/// </summary>
public sealed class PreviousReleaseRowTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_unfinished_task_written_by_the_previous_release_is_resumed_and_finished()
    {
        await SchemaInstaller.ApplyAsync(database.Store);
        await using var cluster = await HiveTestCluster.StartAsync(database.Store, silos: 1, new Dictionary<string, string?>
        {
            ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.200",
        });
        var serializer = cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainStorageSerializer>();
        var taskId = Guid.CreateVersion7();

        // The previous release's bytes: the same JSON without the property this release added.
        var state = JsonNode.Parse(serializer.Serialize(new TaskState { Submission = TextSubmissions.Async("I will kill you."), Phase = TaskPhase.Pending }).ToArray())!.AsObject();
        Assert.True(state.Remove(nameof(TaskState.HandedOver)));
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO hive_task (task_id, project_id, version, due_at, due_reason, state) VALUES ($1, 1, 1, now() - interval '1 minute', 0, $2)", connection);
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = taskId });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = System.Text.Encoding.UTF8.GetBytes(state.ToJsonString()) });
            await insert.ExecuteNonQueryAsync();
        }

        // Nobody asks for the task: the sweeper finds it, and the task finishes and owes nothing.
        await using var tasks = (IAsyncDisposable)TaskStoreFactory.Create(database.Store);
        await Eventually.UntilAsync(async () => (await ((ITaskStore)tasks).ReadAsync(taskId))?.DueAt, due => due is null, TimeSpan.FromSeconds(60), "the previous release's task to finish (its row owing nothing)");
        var done = await cluster.Client.GetGrain<ITaskGrain>(taskId).GetAsync();
        Assert.Equal(TaskPhase.Succeeded, done!.Phase);
        Assert.Contains(done.Output!.Entries.SelectMany(e => e.Classes), c => c.Class == "violence" && c.Score == 3);
    }
}
