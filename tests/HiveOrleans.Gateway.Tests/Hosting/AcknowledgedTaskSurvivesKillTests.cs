using System.Globalization;
using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>
/// The acknowledgement of an async task is sent only after its record is committed: SIGKILL of the process that
/// stored it, straight after the acknowledgements, loses none of them. Real processes, started from their build
/// output as README does, in embedded mode (one gateway process on SQLite) and cluster mode (a silo process and a
/// gateway process on PostgreSQL; the silo is killed).
/// </summary>
public sealed class AcknowledgedTaskSurvivesKillTests : IAsyncLifetime
{
    private const int Submissions = 200;
    private const string Token = "kill-test-operator-token";

    private static readonly Dictionary<string, string> FastRecovery = new()
    {
        ["HiveOrleans:AdminToken"] = Token,
        ["HiveOrleans:AdvertisedAddress"] = "127.0.0.1",
        ["HiveOrleans:Tasks:RecoverAfter"] = "00:00:01",
        ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.200",
    };

    private readonly PostgresDatabase _database = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hive-kill-" + Guid.NewGuid().ToString("n")[..12]);
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _database.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task In_embedded_mode_every_acknowledged_task_survives_kill_9_of_the_process()
    {
        var url = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}");
        var settings = new Dictionary<string, string>(FastRecovery)
        {
            ["HiveOrleans:DataDirectory"] = _dataDirectory,
            ["ASPNETCORE_URLS"] = url.ToString(),
            ["HiveOrleans:SiloPort"] = Port(),
            ["HiveOrleans:GatewayPort"] = Port(),
        };

        List<Guid> acknowledged;
        string key;
        await using (var first = ServiceProcess.Start("HiveOrleans.Host", settings))
        {
            await first.WaitUntilReadyAsync(_client, new Uri(url, "/readyz"), TimeSpan.FromSeconds(60));
            key = await CreateProjectAsync(url);
            acknowledged = await SubmitAsync(url, key);
            await first.KillAsync();
        }

        await using var second = ServiceProcess.Start("HiveOrleans.Host", settings);
        await second.WaitUntilReadyAsync(_client, new Uri(url, "/readyz"), TimeSpan.FromSeconds(60));
        await AssertAllFinishAsync(url, key, acknowledged, second);
    }

    [Fact]
    public async Task In_cluster_mode_every_acknowledged_task_survives_kill_9_of_its_silo()
    {
        var url = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}");
        var cluster = new Dictionary<string, string>(FastRecovery)
        {
            ["ConnectionStrings:HiveOrleans"] = _database.ConnectionString,
            ["HiveOrleans:ClusterId"] = "kill-" + Guid.NewGuid().ToString("n")[..8],
        };
        var silo = new Dictionary<string, string>(cluster) { ["HiveOrleans:SiloPort"] = Port(), ["HiveOrleans:GatewayPort"] = Port() };
        await using var gateway = ServiceProcess.Start("HiveOrleans.Gateway", new Dictionary<string, string>(cluster) { ["ASPNETCORE_URLS"] = url.ToString() });

        List<Guid> acknowledged;
        string key;
        await using (var first = ServiceProcess.Start("HiveOrleans.Silo", silo))
        {
            await gateway.WaitUntilReadyAsync(_client, new Uri(url, "/readyz"), TimeSpan.FromSeconds(90));
            key = await CreateProjectAsync(url);
            acknowledged = await SubmitAsync(url, key);
            await first.KillAsync();
        }

        // The silo restarts on its ports, as a restarted process or container would: joining, it declares its dead
        // predecessor at the same address dead at once (a silo elsewhere would wait for failure detection, issue #11).
        await using var second = ServiceProcess.Start("HiveOrleans.Silo", silo);
        await AssertAllFinishAsync(url, key, acknowledged, second);
    }

    private static string Port() => FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);

    private async Task<string> CreateProjectAsync(Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/admin/v1/projects"))
        {
            Content = new StringContent("""{"name": "kill", "model_type": "text", "review": "model_only"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("api_keys")[0].GetString()!;
    }

    /// <summary>Submits concurrently and returns the ids of every acknowledged task; the caller kills right after.</summary>
    private async Task<List<Guid>> SubmitAsync(Uri url, string key)
    {
        var next = 0;
        var acks = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            var mine = new List<Guid>();
            while (Interlocked.Increment(ref next) <= Submissions)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/api/v2/task/async"))
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text_data"] = $"I will find you, number {next}" }),
                };
                request.Headers.TryAddWithoutValidation("authorization", "token " + key);
                using var response = await _client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                using var json = JsonDocument.Parse(body);
                mine.Add(Guid.Parse(json.RootElement.GetProperty("task_id").GetString()!));
            }

            return mine;
        }));
        return [.. acks.SelectMany(a => a)];
    }

    private async Task AssertAllFinishAsync(Uri url, string key, List<Guid> acknowledged, ServiceProcess survivor)
    {
        Assert.Equal(Submissions, acknowledged.Count);
        var pending = new HashSet<Guid>(acknowledged);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (pending.Count > 0)
        {
            foreach (var id in pending.ToList())
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, $"/api/v2/task/{id}"));
                request.Headers.TryAddWithoutValidation("authorization", "token " + key);
                try
                {
                    using var response = await _client.SendAsync(request);

                    // 404 would be a lost task: the ack promised it was stored.
                    Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        var code = json.RootElement.GetProperty("status")[0].GetProperty("status").GetProperty("code").GetString();
                        if (code == "0")
                        {
                            pending.Remove(id);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The gateway is not connected to the new silo yet.
                }
            }

            Assert.True(DateTime.UtcNow < until, $"{pending.Count} acknowledged tasks did not finish after the restart:\n{survivor.Output}");
            if (pending.Count > 0)
            {
                await Task.Delay(250);
            }
        }
    }
}
