using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Gateway.Tests;

public sealed class StoreOutageTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await SetConnectionsAllowedAsync(true);
        await _server.DisposeAsync();
        await _database.DisposeAsync();
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
