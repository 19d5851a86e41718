using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Grains.Models;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Tasks;

/// <summary>Server-Sent Events of a task's status, on a silo with one model slot so a task can be seen waiting for it.</summary>
public sealed class TaskEventsTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly GatedTextModel _gate = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(
            _database.ConnectionString,
            new Dictionary<string, string?> { ["HiveOrleans:Tasks:ModelConcurrency"] = "1" },
            silo => silo.Services.AddSingleton<IModerationModel>(_gate));
    }

    public async Task DisposeAsync()
    {
        _gate.Release();
        await _server.DisposeAsync();
        _gate.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_event_stream_shows_pending_then_processing_then_success_and_ends_with_the_task()
    {
        var client = _server.Client;
        var project = await client.CreateProjectAsync("events");
        await client.SubmitTextAsync(project.Key, "async", $"{GatedTextModel.HoldMarker} holds the only model slot");
        await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var (_, ack) = await client.SubmitTextAsync(project.Key, "async", "waits for the slot");
        var taskId = ack.GetProperty("task_id").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/task/{taskId}/events").WithToken(project.Key);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await SseEvents.NextAsync(reader);
        Assert.Equal(("status", "PENDING"), (first.Name, first.Data.GetProperty("status").GetString()));

        _gate.Release();
        var events = new List<(string Name, JsonElement Data)> { first };
        while (events[^1].Name != "task")
        {
            events.Add(await SseEvents.NextAsync(reader));
        }

        Assert.Equal(
            ["PENDING", "PROCESSING", "SUCCESS"],
            events.Where(e => e.Name == "status").Select(e => e.Data.GetProperty("status").GetString()));
        var task = events[^1].Data;
        Assert.Equal(taskId, task.GetProperty("task_id").GetString());
        Assert.Equal("0", HiveApi.StatusCode(task));
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_status_event_is_written_exactly_as_before()
    {
        var client = _server.Client;
        var project = await client.CreateProjectAsync("pinned events");
        var (_, task) = await client.SubmitTextAsync(project.Key, "sync", "already done");
        var taskId = task.GetProperty("task_id").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/task/{taskId}/events").WithToken(project.Key);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: status", await reader.ReadLineAsync());
        Assert.Equal("id: 1", await reader.ReadLineAsync());
        Assert.Equal(
            $$"""data: {"task_id":"{{taskId}}","status":"SUCCESS","code":"0","message":"SUCCESS","time":"<time>"}""",
            PinnedJson.Normalise((await reader.ReadLineAsync())!).Replace("<guid>", taskId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_projects_key_gets_404_for_the_event_stream()
    {
        var owner = await _server.Client.CreateProjectAsync("owner");
        var stranger = await _server.Client.CreateProjectAsync("stranger");
        var (_, task) = await _server.Client.SubmitTextAsync(owner.Key, "async", "mine");
        var (status, body) = await _server.Client.GetTaskAsync(stranger.Key, $"/api/v2/task/{task.GetProperty("task_id").GetString()}/events");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Task not found.", body.GetProperty("message").GetString());
    }
}
