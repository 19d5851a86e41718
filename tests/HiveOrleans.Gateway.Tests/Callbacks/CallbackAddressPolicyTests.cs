using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>
/// Callbacks are fenced like URL fetches: a destination the outbound address policy refuses is never dialled, and the
/// task says why. The receiver here is a real one on loopback, so a refusal that failed would show as a request.
/// </summary>
public sealed class CallbackAddressPolicyTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_callback_to_loopback_in_any_spelling_off_the_allow_list_is_never_sent_and_stops_as_refused()
    {
        // An allow-list without 127.0.0.1 (a documentation address: allowed, never dialled) replaces the tests' default.
        await using var server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:Callbacks:AllowList:0"] = "192.0.2.1",
        });
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await server.Client.CreateProjectAsync("refused");
        var port = receiver.Url.Port;
        var literal = "refused: 127.0.0.1 is a loopback address, which is not allowed for callbacks";
        var spellings = new Dictionary<string, string>
        {
            [receiver.Url.ToString()] = literal,
            [$"http://2130706433:{port}/hook/decimal"] = literal,
            [$"http://0x7f000001:{port}/hook/hex"] = literal,
            [$"http://127.1:{port}/hook/short"] = literal,
            [$"http://[::ffff:127.0.0.1]:{port}/hook/mapped"] =
                "refused: ::ffff:127.0.0.1 is a loopback address (IPv4 127.0.0.1 in IPv4-mapped form), which is not allowed for callbacks",
            [$"http://localhost:{port}/hook/name"] = "refused: localhost resolves",
        };

        var tasks = new Dictionary<string, string>();
        foreach (var url in spellings.Keys)
        {
            var (status, ack) = await server.Client.SubmitTextAsync(project.Key, "async", "hello", url);
            Assert.Equal(HttpStatusCode.OK, status);
            tasks[url] = ack.GetProperty("task_id").GetString()!;
        }

        foreach (var (url, taskId) in tasks)
        {
            var task = await WaitUntilCallbackStoppedAsync(server, project, taskId);
            Assert.Equal("refused", task.GetProperty("callback_stopped").GetString());
            Assert.False(task.GetProperty("callback_succeeded").GetBoolean());
            Assert.Equal(JsonValueKind.Null, task.GetProperty("callback_next_attempt").ValueKind);
            var attempt = Assert.Single(task.GetProperty("callback_attempts").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status_code").ValueKind);
            var error = attempt.GetProperty("error").GetString()!;
            Assert.StartsWith(spellings[url], error, StringComparison.Ordinal);
            Assert.Contains("127.0.0.1", error, StringComparison.Ordinal);
        }

        Assert.Equal(0, receiver.Count);
    }

    [Fact]
    public async Task The_same_receiver_on_the_allow_list_gets_its_callback()
    {
        // The tests' default allow-list: 127.0.0.1.
        await using var server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString);
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await server.Client.CreateProjectAsync("allowed");
        var (status, ack) = await server.Client.SubmitTextAsync(project.Key, "async", "hello", receiver.Url.ToString());
        Assert.Equal(HttpStatusCode.OK, status);

        var callback = await receiver.NextAsync();
        using var body = JsonDocument.Parse(callback.Body);
        Assert.Equal(ack.GetProperty("task_id").GetString(), body.RootElement.GetProperty("task_id").GetString());
    }

    private static Task<JsonElement> WaitUntilCallbackStoppedAsync(GatewayServer server, CreatedProject project, string taskId) =>
        Eventually.UntilAsync(
            async () => (await server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}")).Body,
            task => task.TryGetProperty("callback_stopped", out var stopped) && stopped.ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30),
            $"task {taskId}'s callback to stop");
}
