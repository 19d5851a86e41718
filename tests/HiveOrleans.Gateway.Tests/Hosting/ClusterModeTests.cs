using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Silo.Hosting;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>Cluster mode: two silos and a gateway that is only an Orleans client, meeting through PostgreSQL.</summary>
public sealed class ClusterModeTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly List<IHost> _silos = [];
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("n")[..12];
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        for (var i = 0; i < 2; i++)
        {
            var silo = SiloApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:HiveOrleans"] = _database.ConnectionString,
                ["HiveOrleans:ClusterId"] = _clusterId,
                ["HiveOrleans:SiloPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["HiveOrleans:GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
                ["HiveOrleans:Callbacks:AllowList:0"] = "127.0.0.1", // the callback receiver is on loopback
            }));
            await silo.StartAsync();
            _silos.Add(silo);
        }

        _gateway = await GatewayServer.StartAsClientAsync(_database.ConnectionString, _clusterId);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_client_gateway_serves_tasks_from_separate_silos_and_survives_losing_one()
    {
        var project = await _gateway.Client.CreateProjectAsync("cluster");
        var (status, task) = await _gateway.Client.SubmitTextAsync(project.Key, "sync", "I hate you, you disgusting idiot.");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));

        var acknowledged = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var (ackStatus, ack) = await _gateway.Client.SubmitTextAsync(project.Key, "async", $"message number {i}");
            Assert.Equal(HttpStatusCode.OK, ackStatus);
            acknowledged.Add(ack.GetProperty("task_id").GetString()!);
        }

        // Stopping a silo hands its grains back to the store; the other one serves every task from then on.
        await _silos[0].StopAsync();
        foreach (var taskId in acknowledged)
        {
            var finished = await _gateway.Client.WaitForFinishedAsync(project.Key, taskId);
            Assert.Equal("0", HiveApi.StatusCode(finished));
        }

        var (after, _) = await _gateway.Client.SubmitTextAsync(project.Key, "sync", "still here");
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Uploads_through_a_client_gateway_reach_the_silos_through_the_shared_media_store()
    {
        // The gateway stores the bytes in PostgreSQL; whichever silo runs the task reads them from there.
        var picture = TestMedia.SceneJpeg(seed: 7);
        var (created, _) = await _gateway.Client.AdminAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "cluster-bank" });
        Assert.Equal(HttpStatusCode.Created, created);
        var hash = HiveOrleans.Moderation.Pdq.PdqHasher.Hash(picture).Hash.ToHex();
        var (added, _) = await _gateway.Client.AdminAsync(HttpMethod.Post, "/admin/v1/banks/cluster-bank/hashes",
            new { hashes = new[] { new { content_id = "c1", hash, label = "terror" } } });
        Assert.Equal(HttpStatusCode.OK, added);
        var project = await Media.MediaApi.CreateVisualProjectAsync(_gateway.Client, ["cluster-bank"]);

        // The silos' indexes follow the bank within their poll interval (2 s by default).
        await Eventually.UntilAsync(
            async () =>
            {
                var (status, task) = await Media.MediaApi.UploadAsync(_gateway.Client, project.Key, "sync", picture);
                Assert.Equal(HttpStatusCode.OK, status);
                return task;
            },
            task => Media.MediaApi.ClassOf(Media.MediaApi.Output(task)[0], "yes_terror") is not null,
            TimeSpan.FromSeconds(30),
            "an upload of the banked picture to match the bank (yes_terror)",
            interval: TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task A_client_gateway_serves_the_dashboard_of_the_separate_silos()
    {
        // The pages and API run in the gateway; the counters come from the dashboard's grains on the silos.
        await Eventually.UntilAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/dashboard/DashboardCounters");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken);
                using var response = await _gateway.Client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var counters = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return counters.RootElement.GetProperty("hosts").EnumerateArray().Count(host => host.GetProperty("status").GetString() == "Active");
            },
            active => active == 2,
            TimeSpan.FromSeconds(30),
            "the dashboard to show both silos as active");
    }

    [Fact]
    public async Task Both_silos_are_active_in_the_membership_table()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = 3 -- SiloStatus.Active", connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
    }
}
