using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Grains.Models;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Tasks;

public sealed class SyncTimeoutTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly GatedTextModel _gate = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, configureSilo: silo => silo.Services.AddSingleton<IModerationModel>(_gate));
    }

    public async Task DisposeAsync()
    {
        _gate.Release();
        await _server.DisposeAsync();
        _gate.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_sync_task_not_finished_within_the_project_timeout_gets_504_with_its_task_id_and_goes_on()
    {
        var project = await _server.Client.CreateProjectAsync("slow", syncTimeoutSeconds: 1);

        var (status, body) = await _server.Client.SubmitTextAsync(project.Key, "sync", $"{GatedTextModel.HoldMarker} a slow one");

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal(504, body.GetProperty("return_code").GetInt32());
        Assert.StartsWith("The task did not finish within 1 s", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var taskId = body.GetProperty("task_id").GetString()!;
        Assert.Equal(
            $$"""{"return_code":504,"message":"The task did not finish within 1 s; it goes on and can be fetched by its task_id.","task_id":"{{taskId}}"}""",
            body.GetRawText());

        // On a loaded machine the 1 s can pass before the task reaches the model; once it holds the gate it is PROCESSING.
        await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var (_, running) = await _server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}");
        Assert.Equal("PROCESSING", HiveApi.StatusCode(running));

        _gate.Release();
        var finished = await _server.Client.WaitForFinishedAsync(project.Key, taskId);
        Assert.Equal("0", HiveApi.StatusCode(finished));
    }
}
