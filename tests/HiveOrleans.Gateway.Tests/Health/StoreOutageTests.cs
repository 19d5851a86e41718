using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Grains.Models;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Health;

public sealed class StoreOutageTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly GatedTextModel _gate = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();

        // Five minutes: only the task itself, not the sweeper, can finish a task within these tests' deadlines.
        _server = await GatewayServer.StartOnPostgresAsync(
            _database.ConnectionString,
            new Dictionary<string, string?> { ["HiveOrleans:Tasks:RecoverAfter"] = "00:05:00" },
            silo => silo.Services.AddSingleton<IModerationModel>(_gate));
    }

    public async Task DisposeAsync()
    {
        _gate.Release();
        await SetConnectionsAllowedAsync(true);
        await _server.DisposeAsync();
        _gate.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_task_that_finishes_while_the_store_is_away_is_stored_and_called_back_soon_after_the_store_returns()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await _server.Client.CreateProjectAsync("in flight during the outage");
        var (status, ack) = await _server.Client.SubmitTextAsync(project.Key, "async", $"{GatedTextModel.HoldMarker} finish me during the outage", receiver.Url.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        var taskId = ack.GetProperty("task_id").GetString()!;
        await _gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        await SetConnectionsAllowedAsync(false);
        _gate.Release();

        // The model's answer is in the task's memory (a poll shows it) while writing it fails.
        await Eventually.UntilAsync(
            () => _server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}"),
            polled => polled.Status == HttpStatusCode.OK && HiveApi.StatusCode(polled.Body) == "0",
            TimeSpan.FromSeconds(30),
            "the held task to finish its model run",
            interval: TimeSpan.Zero);

        await SetConnectionsAllowedAsync(true);

        var callback = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        using var body = JsonDocument.Parse(callback.Body);
        Assert.Equal(taskId, body.RootElement.GetProperty("task_id").GetString());
        Assert.Equal("0", HiveApi.StatusCode(body.RootElement));
    }

    [Fact]
    public async Task While_the_store_is_unreachable_a_submission_gets_503_and_is_not_acknowledged()
    {
        var project = await _server.Client.CreateProjectAsync("outage");
        var (before, _) = await _server.Client.SubmitTextAsync(project.Key, "async", "stored while the store is up");
        Assert.Equal(HttpStatusCode.OK, before);

        await SetConnectionsAllowedAsync(false);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text_data"] = "sent during the outage" }),
            };
            using var response = await _server.Client.SendAsync(request.WithToken(project.Key));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("\"return_code\":503", body, StringComparison.Ordinal);
            Assert.DoesNotContain("task_id", body, StringComparison.Ordinal);

            using var ready = await _server.Client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }
    }

    /// <summary>Takes the database away from the cluster (and gives it back) without touching the rest of the server.</summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        await using var server = new NpgsqlConnection(PostgresDatabase.ServerConnectionString);
        await server.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{_database.Name}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", server))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name", server);
            terminate.Parameters.AddWithValue("name", _database.Name);
            await terminate.ExecuteNonQueryAsync();
        }
    }
}
