using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace HiveOrleans.Bench;

/// <summary>The measurements, driven over HTTP against the gateway on 127.0.0.1 with one project's key.</summary>
internal sealed partial class LoadPhases(HttpClient client, SystemUnderTest system, string apiKey, BenchOptions options)
{
    /// <summary>The async phase stops here even if the time limit has not come.</summary>
    private const long MaxAsyncRequests = 2_000_000;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CallbackWait = TimeSpan.FromSeconds(30);

    private long _sequence;

    private string Mode => system.Label;

    /// <summary>
    /// Closed loop: <see cref="BenchOptions.Concurrency"/> workers submit async tasks as fast as they are acknowledged.
    /// Only acknowledgements both sent and answered inside the measured window (after the warm-up) are counted.
    /// Afterwards it waits for the task ledger to empty, i.e. for every task to be processed.
    /// </summary>
    public async Task<PhaseResult> AsyncAcknowledgementsAsync(string phase = "async acks (closed loop)")
    {
        var latencies = new LatencyRecorder();
        var errors = new ErrorTally();
        long issued = 0, acknowledged = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        var windowEnd = WarmUp + TimeSpan.FromSeconds(options.Seconds);
        var lifecycleStart = await system.ReadDatabaseActivityAsync();

        async Task WorkAsync()
        {
            while (clock.Elapsed < windowEnd && Interlocked.Increment(ref issued) <= MaxAsyncRequests)
            {
                var inWindow = clock.Elapsed >= WarmUp;
                var started = Stopwatch.GetTimestamp();
                var outcome = await SubmitAsync("async", callbackUrl: null, readTaskId: false);
                var ended = Stopwatch.GetTimestamp();
                if (outcome.Ok)
                {
                    Interlocked.Increment(ref acknowledged);
                }
                else if (outcome.Error == "429")
                {
                    Interlocked.Increment(ref rejected);
                }

                if (inWindow && clock.Elapsed <= windowEnd)
                {
                    if (outcome.Ok)
                    {
                        latencies.Record(started, ended);
                    }
                    else
                    {
                        errors.Add(outcome.Error!);
                    }
                }
            }
        }

        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
        await Task.Delay(WarmUp);
        var windowStart = await system.ReadDatabaseActivityAsync();
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            var resources = await meter.StopAsync();
            var windowActivity = (await system.ReadDatabaseActivityAsync())?.Since(windowStart!);
            await Task.WhenAll(workers);

            var notes = new List<string>();
            var backlog = await system.CountLedgerRowsAsync();
            var drainClock = Stopwatch.StartNew();
            while (backlog > 0 && drainClock.Elapsed < MaxDrain)
            {
                await Task.Delay(500);
                backlog = await system.CountLedgerRowsAsync();
            }

            var total = Interlocked.Read(ref acknowledged);
            notes.Add(backlog == 0
                ? Invariant($"all {total} acked tasks processed {clock.Elapsed.TotalSeconds:0.0} s after the start ({total / clock.Elapsed.TotalSeconds:0}/s)")
                : Invariant($"{backlog} of {total} acked tasks still unprocessed {MaxDrain.TotalSeconds:0} s after the window"));
            if (windowActivity is not null)
            {
                notes.Add(Invariant($"PostgreSQL: {windowActivity.Commits / options.Seconds:0} commits/s in the window, {windowActivity.Connections} connections open at its end"));
            }

            if (lifecycleStart is not null && backlog == 0)
            {
                // Idle backends report their counters up to 10 s late; wait so every task's writes are counted.
                await Task.Delay(TimeSpan.FromSeconds(11));
                var lifecycle = (await system.ReadDatabaseActivityAsync())!.Since(lifecycleStart);
                notes.Add(Invariant(
                    $"per task over its life: {(double)lifecycle.Commits / total:0.00} commits, {(double)lifecycle.Inserted / total:0.00} rows inserted, {(double)lifecycle.Updated / total:0.00} updated, {(double)lifecycle.Deleted / total:0.00} deleted"));
            }

            notes.Add(Invariant($"{Interlocked.Read(ref rejected)} answered 429 (warm-up included)"));
            notes.Add(errors.Describe());
            var summary = latencies.Summarize();
            return new PhaseResult(Mode, phase, summary.Count, errors.Count, summary.Count / options.Seconds,
                summary, resources, string.Join("; ", notes.Where(n => n.Length > 0)));
        }
    }

    /// <summary>Open loop at <see cref="BenchOptions.Rate"/>: latency counts from when each request was due.</summary>
    public async Task<PhaseResult> SyncLatencyAsync()
    {
        var latencies = new LatencyRecorder();
        var errors = new ErrorTally();
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            await RunOnScheduleAsync(async due =>
            {
                var outcome = await SubmitAsync("sync", callbackUrl: null, readTaskId: false);
                if (outcome.Ok)
                {
                    latencies.Record(due, Stopwatch.GetTimestamp());
                }
                else
                {
                    errors.Add(outcome.Error!);
                }
            });
            var resources = await meter.StopAsync();
            var summary = latencies.Summarize();
            return new PhaseResult(Mode, Invariant($"sync at {options.Rate}/s (open loop)"), summary.Count, errors.Count,
                summary.Count / options.Seconds, summary, resources, errors.Describe());
        }
    }

    /// <summary>
    /// Open loop at <see cref="BenchOptions.Rate"/>: async submissions with a callback_url on <paramref name="sink"/>;
    /// latency runs from when the submission was due to when its first callback arrived.
    /// </summary>
    public async Task<PhaseResult> CallbackLatencyAsync(CallbackSink sink)
    {
        var errors = new ErrorTally();
        var submitted = new ConcurrentBag<(string TaskId, long Due)>();
        var callbackUrl = sink.Url.ToString();
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            await RunOnScheduleAsync(async due =>
            {
                var outcome = await SubmitAsync("async", callbackUrl, readTaskId: true);
                if (outcome.Ok)
                {
                    submitted.Add((outcome.TaskId!, due));
                }
                else
                {
                    errors.Add(outcome.Error!);
                }
            });

            var waiting = Stopwatch.StartNew();
            while (waiting.Elapsed < CallbackWait && submitted.Any(s => !sink.TryGetArrival(s.TaskId, out _)))
            {
                await Task.Delay(100);
            }

            var resources = await meter.StopAsync();
            var latencies = new LatencyRecorder();
            foreach (var (taskId, due) in submitted)
            {
                if (sink.TryGetArrival(taskId, out var arrived))
                {
                    latencies.Record(due, arrived);
                }
            }

            var summary = latencies.Summarize();
            var notes = Invariant($"{summary.Count} of {submitted.Count} acked tasks called back within {CallbackWait.TotalSeconds:0} s of the last submission; {sink.Duplicates} duplicates, {sink.Unreadable} unreadable");
            var submitErrors = errors.Describe();
            return new PhaseResult(Mode, Invariant($"submit→callback at {options.Rate}/s"), summary.Count, errors.Count + submitted.Count - summary.Count,
                summary.Count / options.Seconds, summary, resources, submitErrors.Length == 0 ? notes : notes + "; " + submitErrors);
        }
    }

    /// <summary>Starts <paramref name="send"/> at evenly spaced due times (a <see cref="Stopwatch"/> timestamp each), not waiting for earlier ones.</summary>
    private async Task RunOnScheduleAsync(Func<long, Task> send)
    {
        var count = options.Rate * options.Seconds;
        var sends = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / options.Rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            sends.Add(Task.Run(() => send(due)));
        }

        await Task.WhenAll(sends);
    }

    private async Task<SubmitOutcome> SubmitAsync(string mode, string? callbackUrl, bool readTaskId)
    {
        var fields = new List<KeyValuePair<string, string>> { new("text_data", SampleTexts.For(Interlocked.Increment(ref _sequence))) };
        if (callbackUrl is not null)
        {
            fields.Add(new("callback_url", callbackUrl));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Address, $"/api/v2/task/{mode}"))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.TryAddWithoutValidation("authorization", "token " + apiKey);
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new SubmitOutcome(false, null, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            if (!readTaskId)
            {
                return new SubmitOutcome(true, null, null);
            }

            using var json = JsonDocument.Parse(body);
            return new SubmitOutcome(true, json.RootElement.GetProperty("task_id").GetString(), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new SubmitOutcome(false, null, exception.GetType().Name);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record SubmitOutcome(bool Ok, string? TaskId, string? Error);

    /// <summary>Failed requests by HTTP status or exception type.</summary>
    private sealed class ErrorTally
    {
        private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);

        public long Count => _byKind.Values.Sum();

        public void Add(string kind) => _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);

        public string Describe() => _byKind.IsEmpty
            ? string.Empty
            : "errors: " + string.Join(", ", _byKind.OrderByDescending(e => e.Value).Select(e => Invariant($"{e.Key} ×{e.Value}")));
    }
}
