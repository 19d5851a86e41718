using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Tasks;

public sealed class TaskObservationTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = await HiveTestCluster.StartAsync(_database.Store, silos: 2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_grain_observing_a_task_sees_every_status_change_in_order()
    {
        var taskId = Guid.CreateVersion7();
        var watcher = _cluster.Client.GetGrain<ITaskWatcherGrain>(Guid.NewGuid());
        await watcher.WatchAsync(taskId);

        await _cluster.Client.GetGrain<ITaskGrain>(taskId).SubmitAsync(new TaskSubmission
        {
            ProjectId = 1,
            UserId = 1,
            TextData = "watch me go",
            Mode = TaskMode.Async,
            SubmittedOn = DateTimeOffset.UtcNow,
            ModelType = "text",
            ConfigVersion = 1,
        });

        var seen = await Eventually.UntilAsync(watcher.SeenAsync, events => events.Any(e => e.IsFinal), TimeSpan.FromSeconds(20), "the watcher to see the final event");

        Assert.Equal([TaskPhase.Pending, TaskPhase.Processing, TaskPhase.Succeeded], seen.Select(e => e.Phase));
        Assert.Equal(["PENDING", "PROCESSING", "0"], seen.Select(e => e.Code));
        Assert.All(seen, e => Assert.Equal(taskId, e.TaskId));
    }

    [Fact]
    public async Task Subscribing_to_a_finished_task_answers_with_its_final_status()
    {
        var taskId = Guid.CreateVersion7();
        var task = _cluster.Client.GetGrain<ITaskGrain>(taskId);
        await task.SubmitAsync(new TaskSubmission
        {
            ProjectId = 1,
            UserId = 1,
            TextData = "already done",
            Mode = TaskMode.Sync,
            SubmittedOn = DateTimeOffset.UtcNow,
            ModelType = "text",
            ConfigVersion = 1,
        });
        Assert.True((await task.WaitForCompletionAsync(TimeSpan.FromSeconds(10)))!.IsFinished);

        var watcher = _cluster.Client.GetGrain<ITaskWatcherGrain>(Guid.NewGuid());
        await watcher.WatchAsync(taskId);

        var seen = Assert.Single(await watcher.SeenAsync());
        Assert.True(seen.IsFinal);
    }
}
