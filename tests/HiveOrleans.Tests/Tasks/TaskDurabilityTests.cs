using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Tasks;

/// <summary>Tasks on a real multi-silo cluster whose grain state and ledger live in PostgreSQL.</summary>
public sealed class TaskDurabilityTests : IAsyncLifetime
{
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
                // Short enough that recovery happens within a test, long enough that healthy tasks are never swept.
                ["HiveOrleans:Tasks:RecoverAfter"] = "00:00:02",
                ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.250",
                ["HiveOrleans:Tasks:ResumeLease"] = "00:00:03",
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
    public async Task A_finished_task_is_read_back_from_the_store_after_deactivation()
    {
        var taskId = Guid.CreateVersion7();
        var grain = _cluster.Client.GetGrain<ITaskGrain>(taskId);
        await grain.SubmitAsync(TextSubmissions.Async("You are a worthless idiot."));
        var finished = await WaitForFinishedAsync(taskId);
        Assert.Equal(TaskPhase.Succeeded, finished.Phase);

        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reloaded = await grain.GetAsync();

        Assert.NotNull(reloaded);
        Assert.Equal(TaskPhase.Succeeded, reloaded.Phase);
        Assert.Equal(finished.InputHash, reloaded.InputHash);
        Assert.Equal(
            finished.Output!.Entries.SelectMany(e => e.Classes),
            reloaded.Output!.Entries.SelectMany(e => e.Classes));
    }

    [Fact]
    public async Task A_task_whose_silo_is_killed_mid_processing_still_completes()
    {
        var taskId = Guid.CreateVersion7();
        var submitted = await _cluster.Client.GetGrain<ITaskGrain>(taskId).SubmitAsync(TextSubmissions.Async($"{GatedTextModel.HoldMarker} I will kill you."));
        Assert.Equal(TaskPhase.Pending, submitted.Phase);

        var holdingSilo = await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var victim = _cluster.Silos.Single(s => s.Name == holdingSilo);
        await _cluster.KillSiloAsync(victim);

        // Nobody touches the task: only the sweeper on a surviving silo can bring it back. Its row stops being due
        // once the resumed task has finished and stored its result.
        await using var store = (IAsyncDisposable)TaskStoreFactory.Create(_database.Store);
        await Eventually.UntilAsync(() => ((ITaskStore)store).CountDueAsync(), due => due == 0, TimeSpan.FromSeconds(90), "the task to be resumed and finished (no row due)");

        var finished = await _cluster.Client.GetGrain<ITaskGrain>(taskId).GetAsync();
        Assert.NotNull(finished);
        Assert.Equal(TaskPhase.Succeeded, finished.Phase);
        Assert.Contains(finished.Output!.Entries.SelectMany(e => e.Classes), c => c.Class == "violence" && c.Score == 3);
    }

    [Fact]
    public async Task Submitting_the_same_task_id_twice_keeps_the_first_submission()
    {
        var taskId = Guid.CreateVersion7();
        var grain = _cluster.Client.GetGrain<ITaskGrain>(taskId);
        await grain.SubmitAsync(TextSubmissions.Async("first"));
        var second = await grain.SubmitAsync(TextSubmissions.Async("second"));

        Assert.Equal("first", second.Submission.TextData);
    }

    [Fact]
    public async Task A_repeated_submission_answers_with_the_task_as_it_stands_now()
    {
        var taskId = Guid.CreateVersion7();
        var grain = _cluster.Client.GetGrain<ITaskGrain>(taskId);

        // A callback to a closed loopback port keeps the finished task owing a retry, so its activation stays.
        await grain.SubmitAsync(TextSubmissions.Async($"{GatedTextModel.HoldMarker} held for a while") with { CallbackUrl = $"http://127.0.0.1:{FreeTcpPort.Next()}/" });
        await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        // Answered from memory while the task is held in the model: this answer must not stick to later calls.
        Assert.Equal(TaskPhase.Processing, (await grain.SubmitAsync(TextSubmissions.Async("again"))).Phase);
        _gate.Release();
        await WaitForFinishedAsync(taskId);

        var third = await grain.SubmitAsync(TextSubmissions.Async("and again"));
        Assert.Equal(TaskPhase.Succeeded, third.Phase);
        Assert.Contains("held for a while", third.Submission.TextData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_task_id_has_no_task()
    {
        Assert.Null(await _cluster.Client.GetGrain<ITaskGrain>(Guid.NewGuid()).GetAsync());
    }

    private Task<TaskSnapshot> WaitForFinishedAsync(Guid taskId, TimeSpan? deadline = null) =>
        TaskWaits.UntilFinishedAsync(_cluster.Client, taskId, deadline ?? TimeSpan.FromSeconds(30));
}
