using System.Net;
using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>A callback owed to a receiver that is down outlives the silo that owed it.</summary>
public sealed class CallbackDurabilityTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly GatedTextModel _gate = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = await HiveTestCluster.StartAsync(
            _database.Store,
            silos: 2,
            new Dictionary<string, string?>
            {
                ["HiveOrleans:Tasks:CallbackRetryDelays:0"] = "00:00:00.300",
                ["HiveOrleans:Tasks:RecoverAfter"] = "00:00:02",
                ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.200",
                ["HiveOrleans:Tasks:ResumeLease"] = "00:00:03",
            },
            (options, silo) => silo.Services.AddSingleton(_gate.For(options.SiloName)));
    }

    public async Task DisposeAsync()
    {
        _gate.Release();
        await _cluster.DisposeAsync();
        _gate.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_receiver_that_is_down_while_the_silo_is_killed_still_gets_its_callback_when_both_come_back()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var receiverUp = false;
        receiver.Respond = _ => Volatile.Read(ref receiverUp) ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable;
        var projectId = await CreateProjectAsync();
        var taskId = Guid.CreateVersion7();

        await _cluster.Client.GetGrain<ITaskGrain>(taskId).SubmitAsync(new TaskSubmission
        {
            ProjectId = projectId,
            UserId = 1,
            TextData = $"{GatedTextModel.HoldMarker} deliver me eventually",
            CallbackUrl = receiver.Url.ToString(),
            Mode = TaskMode.Async,
            SubmittedOn = DateTimeOffset.UtcNow,
            ModelType = ModelTypes.Text,
            ConfigVersion = 1,
        });

        // The gate tells which silo holds the task; it finishes there and its callbacks fail against the down receiver.
        var holder = await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        _gate.Release();
        var failed = await receiver.NextAsync();
        Assert.Equal(503, failed.AnsweredWith);

        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.Name == holder));
        Volatile.Write(ref receiverUp, true);

        ReceivedCallback delivered;
        do
        {
            delivered = await receiver.NextAsync(TimeSpan.FromSeconds(90));
        }
        while (delivered.AnsweredWith != 200);

        using var body = JsonDocument.Parse(delivered.Body);
        Assert.Equal(taskId.ToString(), body.RootElement.GetProperty("task_id").GetString());
        Assert.Equal("0", body.RootElement.GetProperty("status")[0].GetProperty("status").GetProperty("code").GetString());
    }

    private async Task<long> CreateProjectAsync()
    {
        var id = await _cluster.Client.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).AllocateProjectIdAsync();
        await _cluster.Client.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id)).CreateAsync(new ProjectSpec
        {
            ModelType = ModelTypes.Text,
            Settings = new ProjectSettings { Name = "durable callbacks" },
        });
        return id;
    }
}
