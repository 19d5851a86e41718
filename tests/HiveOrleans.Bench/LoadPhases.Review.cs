using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HiveOrleans.Bench;

/// <summary>
/// Manual review through the reviewer API: a manual-review project's queue is filled with
/// <see cref="BenchOptions.ReviewPending"/> tasks through the async API, then <see cref="BenchOptions.Reviewers"/>
/// reviewers, each with their own token, claim and decide, paced together at <see cref="BenchOptions.ReviewRate"/> requests a second.
/// </summary>
internal sealed partial class LoadPhases
{
    /// <summary>The longest the queue may take to fill before the phase gives up.</summary>
    private static readonly TimeSpan MaxFill = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Fills the queue, then measures claims and decisions for <see cref="BenchOptions.Seconds"/> after a warm-up, the
    /// reviewers together aiming at <see cref="BenchOptions.ReviewRate"/> requests a second:
    /// claims' latency, decisions' latency, and whether any task was handed to two reviewers (every claim's task id is
    /// kept; a task claimed twice is a double assignment, since no lease in the window can run out or be released).
    /// </summary>
    public async Task<PhaseResult> ReviewAsync()
    {
        using var reviewClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Reviewers + 8, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var (projectId, key) = await system.CreateReviewProjectAsync(reviewClient);
        var tokens = new string[options.Reviewers];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = await system.CreateReviewerAsync(reviewClient, $"bench-reviewer-{i}", projectId);
        }

        var fill = Stopwatch.StartNew();
        var filled = await FillReviewQueueAsync(new LoadPhases(reviewClient, system, key, options), reviewClient, projectId, tokens[0]);
        Console.WriteLine(Invariant($"   {filled} tasks waiting for review after {fill.Elapsed.TotalSeconds:0} s"));

        // Each reviewer signs in as the page does: it lists the queues before its first claim.
        var signIn = Stopwatch.StartNew();
        await Task.WhenAll(tokens.Select(t => PendingAsync(reviewClient, projectId, t)));
        Console.WriteLine(Invariant($"   {tokens.Length} reviewers listed their queues in {signIn.Elapsed.TotalSeconds:0.0} s"));
        var claims = new LatencyRecorder();
        var decisions = new LatencyRecorder();
        var errors = new ErrorTally();
        var claimedBy = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        long doubles = 0, empty = 0;
        // Claims slower than the 50 ms target, by second of the window: whether the tail is a start-up transient,
        // a periodic stall, or spread evenly.
        var slowBySecond = new ConcurrentDictionary<int, (int Slow, double Max)>();
        var clock = Stopwatch.StartNew();
        var windowEnd = WarmUp + TimeSpan.FromSeconds(options.Seconds);

        async Task ReviewerAsync(int reviewer)
        {
            var claimUri = new Uri(system.Address, Invariant($"/review/v1/queues/{projectId}/claim?queue=main"));
            // Each reviewer works at the same pace, one claim and one decision every cycle, the reviewers' starts spread
            // over one cycle; a reviewer behind schedule starts at once, and latency counts from when the claim was due
            // (open loop: a slow answer is not hidden by the requests it delayed).
            var cycle = TimeSpan.FromSeconds(2.0 * options.Reviewers / options.ReviewRate);
            var due = Stopwatch.GetTimestamp() + (long)(cycle.TotalSeconds * Stopwatch.Frequency * reviewer / options.Reviewers);
            var round = 0;
            while (clock.Elapsed < windowEnd)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var inWindow = clock.Elapsed >= WarmUp;
                var started = due;
                due += (long)(cycle.TotalSeconds * Stopwatch.Frequency);
                using var claim = await SendAsync(reviewClient, HttpMethod.Post, claimUri, tokens[reviewer], body: null);
                var claimed = Stopwatch.GetTimestamp();
                if (claim.Status == HttpStatusCode.NoContent)
                {
                    Interlocked.Increment(ref empty);
                    return;
                }

                if (claim.Status != HttpStatusCode.OK)
                {
                    Count(inWindow, "claim " + claim.Error);
                    continue;
                }

                var root = claim.Json!.RootElement;
                var taskId = root.GetProperty("task").GetProperty("id").GetString()!;
                if (!claimedBy.TryAdd(taskId, reviewer))
                {
                    Interlocked.Increment(ref doubles);
                }

                // Nine in ten approved, one rejected with a label and a reason, as a queue mostly of false alarms goes.
                var decision = round++ % 10 == 9
                    ? new Dictionary<string, object?> { ["decision"] = "reject", ["labels"] = new[] { root.GetProperty("labels")[0].GetString() }, ["reason"] = "benchmark: breaks the rules" }
                    : new Dictionary<string, object?> { ["decision"] = "approve" };
                decision["lease_token"] = root.GetProperty("lease_token").GetString();
                using var decide = await SendAsync(reviewClient, HttpMethod.Post, new Uri(system.Address, $"/review/v1/tasks/{taskId}/decision"), tokens[reviewer], decision);
                var decided = Stopwatch.GetTimestamp();
                if (decide.Status != HttpStatusCode.OK)
                {
                    Count(inWindow, "decision " + decide.Error);
                    continue;
                }

                if (inWindow && clock.Elapsed <= windowEnd)
                {
                    claims.Record(started, claimed);
                    var claimMs = Stopwatch.GetElapsedTime(started, claimed).TotalMilliseconds;
                    if (claimMs > 50)
                    {
                        slowBySecond.AddOrUpdate((int)(clock.Elapsed - WarmUp).TotalSeconds, (1, claimMs), (_, s) => (s.Slow + 1, Math.Max(s.Max, claimMs)));
                    }
                    decisions.Record(claimed, decided);
                }
            }
        }

        void Count(bool inWindow, string error)
        {
            if (inWindow && clock.Elapsed <= windowEnd)
            {
                errors.Add(error);
            }
        }

        var workers = Enumerable.Range(0, options.Reviewers).Select(r => Task.Run(() => ReviewerAsync(r))).ToArray();
        await Task.Delay(WarmUp);
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            var resources = await meter.StopAsync();
            await Task.WhenAll(workers);
            var claimSummary = claims.Summarize();
            var decisionSummary = decisions.Summarize();
            var notes = new List<string>
            {
                Invariant($"{claimSummary.Count} claims + {decisionSummary.Count} decisions in the window ({(claimSummary.Count + decisionSummary.Count) / (double)options.Seconds:0}/s) by {options.Reviewers} reviewers from a queue of {filled}"),
                Invariant($"claim p50 {claimSummary.P50:0.0} ms, p99 {claimSummary.P99:0.0} ms; decision p50 {decisionSummary.P50:0.0} ms, p99 {decisionSummary.P99:0.0} ms, max {decisionSummary.Max:0.0} ms"),
                Invariant($"{claimedBy.Count} tasks claimed in all (warm-up included), {Interlocked.Read(ref doubles)} double assignments"),
            };
            if (!slowBySecond.IsEmpty)
            {
                notes.Add("claims over 50 ms by second of the window (count/max ms): "
                    + string.Join(" ", slowBySecond.OrderBy(p => p.Key).Select(p => Invariant($"{p.Key}s:{p.Value.Slow}/{p.Value.Max:0}"))));
            }

            if (Interlocked.Read(ref empty) > 0)
            {
                notes.Add(Invariant($"the queue ran empty ({empty} claims answered 204): pending too small for the window"));
            }

            notes.Add(errors.Describe());
            return new PhaseResult(Mode, Invariant($"review: claim + decide, {options.Reviewers} reviewers at {options.ReviewRate}/s (open loop; latency = claims)"),
                claimSummary.Count + decisionSummary.Count, errors.Count + Interlocked.Read(ref doubles),
                (claimSummary.Count + decisionSummary.Count) / (double)options.Seconds, claimSummary, resources,
                string.Join("; ", notes.Where(n => n.Length > 0)));
        }
    }

    /// <summary>
    /// Submits <see cref="BenchOptions.ReviewPending"/> async tasks (bounded in count and <see cref="MaxFill"/>) and
    /// waits until the queue shows them all; returns how many wait.
    /// </summary>
    private async Task<long> FillReviewQueueAsync(LoadPhases submitter, HttpClient reviewClient, long projectId, string token)
    {
        var clock = Stopwatch.StartNew();
        long issued = 0, failed = 0;

        async Task SubmitterAsync()
        {
            while (Interlocked.Increment(ref issued) <= options.ReviewPending && clock.Elapsed < MaxFill)
            {
                if (!(await submitter.SubmitAsync("async", callbackUrl: null, readTaskId: false)).Ok)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(SubmitterAsync)));
        var accepted = options.ReviewPending - Interlocked.Read(ref failed);
        long pending = 0;
        while (clock.Elapsed < MaxFill)
        {
            pending = await PendingAsync(reviewClient, projectId, token);
            if (pending >= accepted)
            {
                break;
            }

            await Task.Delay(1000);
        }

        return pending;
    }

    private async Task<long> PendingAsync(HttpClient reviewClient, long projectId, string token)
    {
        using var answer = await SendAsync(reviewClient, HttpMethod.Get, new Uri(system.Address, "/review/v1/queues"), token, body: null);
        if (answer.Json is null)
        {
            throw new InvalidOperationException($"GET /review/v1/queues answered {answer.Error}");
        }

        return answer.Json.RootElement.GetProperty("queues").EnumerateArray()
            .Where(q => q.GetProperty("project_id").GetInt64() == projectId && q.GetProperty("queue").GetString() == "main")
            .Select(q => q.GetProperty("pending").GetInt64())
            .SingleOrDefault();
    }

    /// <summary>One reviewer API request with the reviewer's bearer token; the JSON answer of a 200, else what went wrong.</summary>
    private static async Task<ReviewAnswer> SendAsync(HttpClient reviewClient, HttpMethod method, Uri uri, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await reviewClient.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK
                ? new ReviewAnswer(response.StatusCode, JsonDocument.Parse(bytes), null)
                : new ReviewAnswer(response.StatusCode, null, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new ReviewAnswer(0, null, exception.GetType().Name);
        }
    }

    private sealed record ReviewAnswer(HttpStatusCode Status, JsonDocument? Json, string? Error) : IDisposable
    {
        public void Dispose() => Json?.Dispose();
    }
}
