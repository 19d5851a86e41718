using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Tasks;

/// <summary>
/// A silo that stops, gracefully or abruptly, does not leave its tasks waiting for their rows to fall due:
/// <c>RecoverAfter</c> is five minutes here, so only the handover and the survivors' reaction to the loss can finish
/// these tasks within the deadlines. (An in-process silo's "kill" still deactivates its grains; kill -9 of a silo
/// process, where only membership can tell, is in <c>ClusterChaosTests</c>.) And a submission retried under a new id
/// never makes two tasks.
/// </summary>
public sealed class TaskHandoverTests : IAsyncLifetime
{
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(30);

    private readonly PostgresDatabase _database = new();
    private readonly GatedTextModel _gate = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = await HiveTestCluster.StartAsync(
            _database.Store,
            silos: 3,
            new Dictionary<string, string?>
            {
                ["HiveOrleans:Tasks:RecoverAfter"] = "00:05:00",
                ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.250",
            },
            (options, silo) => silo.Services.AddSingleton(_gate.For(options.SiloName)));
    }

    public async Task DisposeAsync()
    {
        _gate.Release();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _gate.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_task_whose_silo_is_stopped_abruptly_resumes_on_a_survivor()
    {
        var taskId = await SubmitHeldTaskAsync();
        var holder = await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var victim = _cluster.Silos.Single(s => s.Name == holder);

        await _cluster.KillSiloAsync(victim);

        await WaitUntilNothingOwedAsync(taskId, ResumeBound);
        var finished = await WaitForFinishedAsync(taskId, TimeSpan.FromSeconds(10));
        Assert.Equal(TaskPhase.Succeeded, finished.Phase);
    }

    [Fact]
    public async Task A_silo_that_stops_gracefully_hands_its_working_task_to_the_others()
    {
        var taskId = await SubmitHeldTaskAsync();
        var holder = await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var victim = _cluster.Silos.Single(s => s.Name == holder);

        await _cluster.StopSiloAsync(victim);

        await WaitUntilNothingOwedAsync(taskId, ResumeBound);
        var finished = await WaitForFinishedAsync(taskId, TimeSpan.FromSeconds(10));
        Assert.Equal(TaskPhase.Succeeded, finished.Phase);
    }

    [Fact]
    public async Task A_retry_under_a_new_id_closes_the_abandoned_id_so_a_late_first_attempt_makes_no_task()
    {
        var first = Guid.CreateVersion7();
        var retry = Guid.CreateVersion7();

        var answer = await _cluster.Client.GetGrain<ITaskGrain>(retry).SubmitInsteadOfAsync(TextSubmissions.Async("retried"), [first], TimeSpan.Zero);
        Assert.Equal(retry, answer.TaskId);

        // The first attempt arrives late: it creates nothing, and its id stays unknown.
        await Assert.ThrowsAnyAsync<Exception>(() => _cluster.Client.GetGrain<ITaskGrain>(first).SubmitAsync(TextSubmissions.Async("retried")));
        Assert.Null(await _cluster.Client.GetGrain<ITaskGrain>(first).GetAsync());
        Assert.Equal(TaskPhase.Succeeded, (await WaitForFinishedAsync(retry, TimeSpan.FromSeconds(30))).Phase);
    }

    [Fact]
    public async Task A_retry_answers_with_the_first_attempt_when_that_was_stored_after_all()
    {
        var first = Guid.CreateVersion7();
        var retry = Guid.CreateVersion7();
        await _cluster.Client.GetGrain<ITaskGrain>(first).SubmitAsync(TextSubmissions.Async("stored the first time"));

        var answer = await _cluster.Client.GetGrain<ITaskGrain>(retry).SubmitInsteadOfAsync(TextSubmissions.Async("stored the first time"), [first], TimeSpan.Zero);

        Assert.Equal(first, answer.TaskId);
        Assert.Null(await _cluster.Client.GetGrain<ITaskGrain>(retry).GetAsync());
    }

    private async Task<Guid> SubmitHeldTaskAsync()
    {
        var taskId = Guid.CreateVersion7();
        var submitted = await _cluster.Client.GetGrain<ITaskGrain>(taskId).SubmitAsync(TextSubmissions.Async($"{GatedTextModel.HoldMarker} I will kill you."));
        Assert.Equal(TaskPhase.Pending, submitted.Phase);
        return taskId;
    }

    /// <summary>
    /// Watches the task's row, without a call to its grain (a call would itself bring the task back): only the
    /// survivors can finish it, and its row then owes nothing.
    /// </summary>
    private async Task WaitUntilNothingOwedAsync(Guid taskId, TimeSpan deadline)
    {
        await using var store = (IAsyncDisposable)TaskStoreFactory.Create(_database.Store);
        await Eventually.UntilAsync(
            async () => (await ((ITaskStore)store).ReadAsync(taskId))?.DueAt,
            due => due is null,
            deadline,
            $"task {taskId} to be resumed and finished (its row owing nothing)");
    }

    private Task<TaskSnapshot> WaitForFinishedAsync(Guid taskId, TimeSpan deadline) => TaskWaits.UntilFinishedAsync(_cluster.Client, taskId, deadline);
}
