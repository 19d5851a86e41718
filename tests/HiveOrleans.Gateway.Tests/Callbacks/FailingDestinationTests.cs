using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>
/// A receiver that fails everything is probed, not hammered; once it answers again, its backlog arrives promptly
/// instead of at each task's own backoff.
/// </summary>
public sealed class FailingDestinationTests : IAsyncLifetime
{
    private const int Tasks = 20;

    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_destination_failing_everything_gets_one_probe_per_interval_instead_of_every_retry()
    {
        // Retries every 20-200 ms: without holding, twenty tasks would send about a hundred requests a second.
        await using var server = await StartAsync(retryDelay: "00:00:00.200", probeInterval: "00:00:00.500");
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = _ => HttpStatusCode.ServiceUnavailable;
        var project = await server.Client.CreateProjectAsync("down");
        var tasks = await SubmitAsync(server, project, receiver);
        await WaitUntilEveryCallbackWaitsForARetryAsync(server, project, tasks);

        var before = receiver.Count;
        var watch = Stopwatch.StartNew();
        await Eventually.UntilAsync(
            () => Task.FromResult(receiver.Count - before),
            requests => requests >= 5,
            TimeSpan.FromSeconds(30),
            "five probes to reach the failing receiver",
            interval: TimeSpan.FromMilliseconds(50));

        // Five probes are started at least half a second apart, 2 s from first to last; each request's own latency
        // varies, so allow half an interval of that. Unthrottled retries take a few milliseconds.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"{receiver.Count - before} requests in {watch.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_destination_that_answers_again_gets_its_whole_backlog_well_before_the_tasks_own_retries()
    {
        // Each task's next try is 1-10 minutes away; only the probe and the backlog being brought forward can deliver
        // within the deadline below.
        await using var server = await StartAsync(retryDelay: "00:10:00", probeInterval: "00:00:01");
        await using var receiver = await CallbackReceiver.StartAsync();
        var up = false;
        receiver.Respond = _ => Volatile.Read(ref up) ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable;
        var project = await server.Client.CreateProjectAsync("comes back");
        var tasks = await SubmitAsync(server, project, receiver);
        await WaitUntilEveryCallbackWaitsForARetryAsync(server, project, tasks);

        // Let a probe fail first: the receiver must still be probed after that, though every task has backed off.
        var seen = receiver.Count;
        await Eventually.UntilAsync(() => Task.FromResult(receiver.Count), count => count != seen, TimeSpan.FromSeconds(15), "a probe of the failing receiver");

        Volatile.Write(ref up, true);

        var delivered = new HashSet<string>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (delivered.Count < Tasks)
        {
            var left = until - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"{delivered.Count} of {Tasks} callbacks delivered 20 s after the receiver came back");
            var callback = await receiver.NextAsync(left);
            if (callback.AnsweredWith == 200)
            {
                using var body = JsonDocument.Parse(callback.Body);
                delivered.Add(body.RootElement.GetProperty("task_id").GetString()!);
            }
        }

        Assert.Equal(tasks.Order(), delivered.Order());
    }

    [Fact]
    public async Task A_probe_is_sent_though_the_probed_tasks_own_retry_is_already_due()
    {
        // Retries 1-10 ms apart, the sweeper every 2 s: whenever a probe comes, the task's own retry is almost surely
        // due and not yet swept. The probe must still be sent, or the held callback waits for a lucky probe.
        await using var server = await StartAsync(retryDelay: "00:00:00.010", probeInterval: "00:00:00.500", sweepInterval: "00:00:02");
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = n => n <= DestinationHealthFailures ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var project = await server.Client.CreateProjectAsync("probed while due");
        var (_, ack) = await server.Client.SubmitTextAsync(project.Key, "async", "probe me", receiver.Url.ToString());

        ReceivedCallback callback;
        do
        {
            // A sweep and a few probe intervals: enough for a probe that is sent, not for waiting on a lucky one.
            callback = await receiver.NextAsync(TimeSpan.FromSeconds(6));
        }
        while (callback.AnsweredWith != 200);

        Assert.Equal($"{ack.GetProperty("task_id").GetString()}-{DestinationHealthFailures + 1}", callback.WebhookId);
    }

    private const int DestinationHealthFailures = HiveOrleans.Grains.Callbacks.DestinationHealth.FailuresBeforeHolding;

    private Task<GatewayServer> StartAsync(string retryDelay, string probeInterval, string sweepInterval = "00:00:00.200") =>
        GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:Tasks:CallbackRetryDelays:0"] = retryDelay,
            ["HiveOrleans:Tasks:CallbackProbeInterval"] = probeInterval,
            ["HiveOrleans:Tasks:CallbackRecoverySpread"] = "00:00:02",
            ["HiveOrleans:Tasks:SweepInterval"] = sweepInterval,
        });

    private static async Task<List<string>> SubmitAsync(GatewayServer server, CreatedProject project, CallbackReceiver receiver)
    {
        var tasks = new List<string>();
        for (var i = 0; i < Tasks; i++)
        {
            var (status, ack) = await server.Client.SubmitTextAsync(project.Key, "async", $"backlog item {i}", receiver.Url.ToString());
            Assert.Equal(HttpStatusCode.OK, status);
            tasks.Add(ack.GetProperty("task_id").GetString()!);
        }

        return tasks;
    }

    /// <summary>Every task has tried (or been held) and now waits for a retry.</summary>
    private static async Task WaitUntilEveryCallbackWaitsForARetryAsync(GatewayServer server, CreatedProject project, List<string> tasks)
    {
        var waiting = new List<string>(tasks);
        await Eventually.UntilAsync(
            async () =>
            {
                foreach (var taskId in waiting.ToList())
                {
                    var (_, task) = await server.Client.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}");
                    if (task.TryGetProperty("callback_next_attempt", out var next) && next.ValueKind == JsonValueKind.String)
                    {
                        waiting.Remove(taskId);
                    }
                }

                return waiting;
            },
            left => left.Count == 0,
            TimeSpan.FromSeconds(30),
            "every task to schedule a callback retry (the answer: tasks still without one)");
    }
}
