using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>
/// Faults as an operator meets them, on real processes started the README's way: three silo processes and a gateway
/// process on a PostgreSQL server of the test's own (default settings), an open-loop load of async text tasks with
/// callbacks to loopback receivers, and on one timeline: <c>kill -9</c> of a silo, a restart of PostgreSQL, and a
/// receiver that is down (connection refused) for the first 60 s. A few URL tasks, whose download from a slow
/// loopback origin takes seconds, are mid-processing when the silo dies: only the survivors' reaction to its death,
/// not the row falling due 30 s later, brings them back within the resume bound. Product defaults throughout, except
/// that silos advertise 127.0.0.1 and may fetch media from it.
/// </summary>
public sealed class ClusterChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "chaos-operator-token";

    private static readonly TimeSpan LoadFor = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan KillAt = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RestartAt = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReceiverDownFor = TimeSpan.FromSeconds(60);

    /// <summary>Tasks a second to the receiver that stays up, and to the one that is down at first.</summary>
    private const int RateUp = 16;
    private const int RateDown = 4;

    /// <summary>URL tasks in flight at the kill, each downloading for about <see cref="SlowDownload"/>.</summary>
    private const int SlowTasks = 6;
    private static readonly TimeSpan SlowDownload = TimeSpan.FromSeconds(4);

    /// <summary>How soon after the kill a task that was mid-processing on the dead silo must have finished and called back.</summary>
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(25);

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<ServiceProcess> _processes = [];
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _client.Dispose();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Submitters_never_see_a_silo_die_and_every_acknowledged_task_calls_back_through_a_store_restart_and_a_receiver_outage()
    {
        await using (var admin = await _postgres.OpenAsync())
        await using (var create = new NpgsqlCommand("CREATE DATABASE hive_chaos", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        var cluster = new Dictionary<string, string>
        {
            ["ConnectionStrings:HiveOrleans"] = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Database = "hive_chaos" }.ConnectionString,
            ["HiveOrleans:AdminToken"] = Token,
            ["HiveOrleans:AdvertisedAddress"] = "127.0.0.1",
            ["HiveOrleans:Media:FetchAllowList:0"] = "127.0.0.1",

            // Keys are looked up again every quarter second, so lookups meet the kill too: a key whose grain was on the
            // dead silo must not turn into refusals.
            ["HiveOrleans:Gateway:KeyCacheTtl"] = "00:00:00.250",
        };
        var silos = Enumerable.Range(0, 3).Select(_ => StartSilo(cluster)).ToList();
        var url = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}");
        var gateway = Start("HiveOrleans.Gateway", new Dictionary<string, string>(cluster) { ["ASPNETCORE_URLS"] = url.ToString() });
        await gateway.WaitUntilReadyAsync(_client, new Uri(url, "/readyz"), TimeSpan.FromSeconds(90));
        var keys = await CreateProjectAsync(url, "text");
        var mediaKey = (await CreateProjectAsync(url, "visual"))[0];
        await using var origin = await MediaOrigin.StartAsync();

        await using var up = await CallbackReceiver.StartAsync();
        var downPort = FreeTcpPort.Next();
        var callbacks = new ConcurrentDictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();
        using var listening = new CancellationTokenSource();
        var upListener = ListenAsync(up, callbacks, clock, listening.Token);

        // The load, and the faults on the same clock.
        var load = Task.WhenAll(
            SubmitAsync(url, keys, new Uri(up.Url, "up"), RateUp, clock),
            SubmitAsync(url, keys, new Uri($"http://127.0.0.1:{downPort}/hook/down"), RateDown, clock));
        await WaitUntilAsync(clock, KillAt - TimeSpan.FromSeconds(1));
        var slow = await Task.WhenAll(Enumerable.Range(0, SlowTasks).Select(i => SubmitOneAsync(
            url, mediaKey, new Uri(up.Url, "up"), "slow", i, clock, origin.Slow(bytes: 8, every: SlowDownload / 8))));
        await WaitUntilAsync(clock, KillAt);
        await silos[1].KillAsync();
        var killedAt = clock.Elapsed;
        await WaitUntilAsync(clock, RestartAt);
        var stoppedAt = clock.Elapsed;
        await _postgres.StopAsync();
        await _postgres.StartServerAsync();
        var storeBackAt = clock.Elapsed;
        await WaitUntilAsync(clock, ReceiverDownFor);
        await using var down = await CallbackReceiver.StartAsync(downPort);
        var receiverBackAt = clock.Elapsed;
        var downListener = ListenAsync(down, callbacks, clock, listening.Token);
        var submissions = (await load).SelectMany(s => s).Concat(slow).ToList();

        var acknowledged = submissions.Where(s => s.TaskId is not null).ToList();
        var until = clock.Elapsed + TimeSpan.FromSeconds(75);
        while (acknowledged.Any(s => !callbacks.ContainsKey(s.TaskId!)) && clock.Elapsed < until)
        {
            await Task.Delay(250);
        }

        await listening.CancelAsync();
        await Task.WhenAll(upListener, downListener);
        Report(submissions, callbacks, killedAt, stoppedAt, storeBackAt, receiverBackAt);

        // No submission failed but while the store was down, and those failed fast, as a 503 with Retry-After.
        var outage = (From: stoppedAt, To: storeBackAt + TimeSpan.FromSeconds(10));
        var refused = submissions.Where(s => s.TaskId is null).ToList();
        var unexpected = refused.Where(s => !(s.Status == 503 && s.RetryAfter && s.Answered < TimeSpan.FromSeconds(10) && s.SentAt + s.Answered >= outage.From && s.SentAt <= outage.To)).ToList();
        Assert.True(unexpected.Count == 0, string.Create(CultureInfo.InvariantCulture,
            $"{unexpected.Count} submissions refused outside the store's restart, e.g. at {unexpected.FirstOrDefault()?.SentAt.TotalSeconds:0.0} s: " +
            $"{unexpected.FirstOrDefault()?.Status} after {unexpected.FirstOrDefault()?.Answered.TotalMilliseconds:0} ms: {unexpected.FirstOrDefault()?.Error}\ngateway:\n{Head(gateway.Output)}"));

        // Every acknowledged task called back.
        var missing = acknowledged.Where(s => !callbacks.ContainsKey(s.TaskId!)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged tasks never called back, e.g. {missing.FirstOrDefault()?.TaskId}:\n{Tail(silos[0].Output)}");

        // Bounds: around the kill, 60 s from submission; through the restart, 30 s after the store's return; for the
        // receiver that was down, 60 s after it came back.
        var toUp = acknowledged.Where(s => s.Receiver == "up").ToList();
        Assert.All(toUp.Where(s => s.SentAt < stoppedAt), s => Assert.InRange(callbacks[s.TaskId!] - s.SentAt, TimeSpan.Zero, TimeSpan.FromSeconds(60)));
        Assert.All(toUp.Where(s => s.SentAt >= stoppedAt && s.SentAt <= storeBackAt), s => Assert.True(callbacks[s.TaskId!] <= storeBackAt + TimeSpan.FromSeconds(30)));
        Assert.All(acknowledged.Where(s => s.Receiver == "down"), s => Assert.True(callbacks[s.TaskId!] <= receiverBackAt + TimeSpan.FromSeconds(60)));

        // The tasks that were downloading when the silo died finished within the resume bound of its death.
        Assert.Equal(SlowTasks, acknowledged.Count(s => s.Receiver == "slow"));
        Assert.All(acknowledged.Where(s => s.Receiver == "slow"), s => Assert.True(
            callbacks[s.TaskId!] <= killedAt + ResumeBound,
            $"a task mid-download at the kill called back {(callbacks[s.TaskId!] - killedAt).TotalSeconds:0.0} s after it"));
    }

    private ServiceProcess StartSilo(Dictionary<string, string> cluster) => Start("HiveOrleans.Silo", new Dictionary<string, string>(cluster)
    {
        ["HiveOrleans:SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
        ["HiveOrleans:GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
    });

    private ServiceProcess Start(string project, Dictionary<string, string> settings)
    {
        var process = ServiceProcess.Start(project, settings);
        _processes.Add(process);
        return process;
    }

    /// <summary>Creates a project and returns both its live keys.</summary>
    private async Task<string[]> CreateProjectAsync(Uri url, string modelType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/admin/v1/projects"))
        {
            Content = new StringContent($$"""{"name": "chaos {{modelType}}", "model_type": "{{modelType}}", "review": "model_only"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)];
    }

    /// <summary>
    /// Open loop: one submission every 1/<paramref name="rate"/> s until <see cref="LoadFor"/>, whatever the answers,
    /// with the project's keys in turn.
    /// </summary>
    private async Task<Submission[]> SubmitAsync(Uri url, string[] keys, Uri callbackUrl, int rate, Stopwatch clock)
    {
        var receiver = callbackUrl.AbsolutePath.EndsWith("/down", StringComparison.Ordinal) ? "down" : "up";
        var sent = new List<Task<Submission>>();
        for (var i = 0; ; i++)
        {
            var at = TimeSpan.FromSeconds((double)i / rate);
            if (at >= LoadFor)
            {
                break;
            }

            await WaitUntilAsync(clock, at);
            sent.Add(SubmitOneAsync(url, keys[i % keys.Length], callbackUrl, receiver, i, clock));
        }

        return await Task.WhenAll(sent);
    }

    private async Task<Submission> SubmitOneAsync(Uri url, string key, Uri callbackUrl, string receiver, int number, Stopwatch clock, Uri? media = null)
    {
        var sentAt = clock.Elapsed;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/api/v2/task/async"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [media is null ? "text_data" : "url"] = media?.ToString() ?? $"chaos {receiver} {number}: you are a worthless idiot",
                ["callback_url"] = callbackUrl.ToString(),
            }),
        };
        request.Headers.TryAddWithoutValidation("authorization", "token " + key);
        try
        {
            using var response = await _client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var answered = clock.Elapsed - sentAt;
            string? taskId = null;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var json = JsonDocument.Parse(body);
                taskId = json.RootElement.GetProperty("task_id").GetString();
            }

            return new Submission(receiver, sentAt, answered, (int)response.StatusCode, response.Headers.RetryAfter is not null, taskId, taskId is null ? body : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new Submission(receiver, sentAt, clock.Elapsed - sentAt, 0, false, null, ex.Message);
        }
    }

    /// <summary>Notes when each task's first answered-200 callback arrived.</summary>
    private static async Task ListenAsync(CallbackReceiver receiver, ConcurrentDictionary<string, TimeSpan> callbacks, Stopwatch clock, CancellationToken stop)
    {
        try
        {
            await foreach (var callback in receiver.ReadAllAsync(stop))
            {
                if (callback.AnsweredWith == 200)
                {
                    using var json = JsonDocument.Parse(callback.Body);
                    callbacks.TryAdd(json.RootElement.GetProperty("task_id").GetString()!, clock.Elapsed);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The test has what it waited for.
        }
    }

    private static async Task WaitUntilAsync(Stopwatch clock, TimeSpan at)
    {
        var left = at - clock.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    private void Report(
        List<Submission> submissions, ConcurrentDictionary<string, TimeSpan> callbacks, TimeSpan killedAt, TimeSpan stoppedAt, TimeSpan storeBackAt, TimeSpan receiverBackAt)
    {
        var acknowledged = submissions.Where(s => s.TaskId is not null).ToList();
        var latency = acknowledged.Select(s => s.Answered.TotalMilliseconds).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submitted {submissions.Count}, acknowledged {acknowledged.Count}, refused {submissions.Count - acknowledged.Count} " +
            $"({string.Join(", ", submissions.Where(s => s.TaskId is null).GroupBy(s => s.Status).Select(g => $"{g.Count()} x {g.Key}"))}); " +
            $"ack p50 {Percentile(latency, 0.5):0} ms, p99 {Percentile(latency, 0.99):0} ms, max {latency.LastOrDefault():0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kill -9 at {killedAt.TotalSeconds:0.0} s; PostgreSQL stopped at {stoppedAt.TotalSeconds:0.0} s, back at {storeBackAt.TotalSeconds:0.0} s; receiver back at {receiverBackAt.TotalSeconds:0.0} s"));
        var windows = new (string Name, Func<Submission, bool> Holds)[]
        {
            ("up, before the restart", s => s.Receiver == "up" && s.SentAt < stoppedAt),
            ("up, from the restart", s => s.Receiver == "up" && s.SentAt >= stoppedAt),
            ("down receiver", s => s.Receiver == "down"),
            ("downloading at the kill", s => s.Receiver == "slow"),
        };
        foreach (var (name, window) in windows)
        {
            var delays = acknowledged.Where(window).Where(s => callbacks.ContainsKey(s.TaskId!)).Select(s => (callbacks[s.TaskId!] - s.SentAt).TotalSeconds).Order().ToList();
            var lastAt = acknowledged.Where(window).Where(s => callbacks.ContainsKey(s.TaskId!)).Select(s => callbacks[s.TaskId!].TotalSeconds).DefaultIfEmpty().Max();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {acknowledged.Count(window)} acknowledged, {delays.Count} called back; submit->callback p50 {Percentile(delays, 0.5):0.00} s, p99 {Percentile(delays, 0.99):0.00} s, max {delays.LastOrDefault():0.00} s; last callback at {lastAt:0.0} s"));
        }
    }

    /// <summary>The start of a process's output: the first errors it logged.</summary>
    private static string Head(string text) => text.Length <= 20_000 ? text : text[..20_000];

    /// <summary>The end of a process's output: the last errors it logged.</summary>
    private static string Tail(string text) => text.Length <= 20_000 ? text : text[^20_000..];

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private sealed record Submission(string Receiver, TimeSpan SentAt, TimeSpan Answered, int Status, bool RetryAfter, string? TaskId, string? Error);
}
