using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;

namespace HiveOrleans.Bench;

internal sealed partial class LoadPhases
{
    /// <summary>The measured uploads stop at this many, or at <see cref="UploadWindow"/>, whichever comes first.</summary>
    internal const int MaxUploads = 2_000;

    /// <summary>The warm-up stops at this many uploads, or at <see cref="WarmUp"/>.</summary>
    private const int WarmUpUploads = 100;

    /// <summary>How many finished tasks are read back at once to check their results.</summary>
    private const int ResultReaders = 8;

    internal static readonly TimeSpan UploadWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UploadDrain = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan ResultReadLimit = TimeSpan.FromSeconds(30);

    private long _uploadSequence;

    /// <summary>
    /// Closed loop: <see cref="BenchOptions.UploadConcurrency"/> clients upload 1 MiB JPEGs, every one different, as
    /// the <c>media</c> part of a multipart/form-data <c>POST /api/v2/task/async</c> on a visual project. First a
    /// warm-up (at most <see cref="WarmUpUploads"/> or <see cref="WarmUp"/>, not counted) whose tasks are processed
    /// away; then the run (at most <see cref="MaxUploads"/> or <see cref="UploadWindow"/>), every acknowledgement of
    /// which counts, over the time from its first request to its last answer. An acknowledgement means the file is in
    /// the media store and the task is stored; the visual model (PDQ) works through the tasks in the background, so
    /// afterwards it counts what was processed by the end of the run, waits (at most <see cref="UploadDrain"/>) for
    /// the task ledger to empty, reads every acknowledged task back to check its result, counts the store's blobs,
    /// and compares the managed heap (after a full GC) and working set before the warm-up and at the end.
    /// </summary>
    public async Task<PhaseResult> UploadsAsync(UploadImages images, string phase)
    {
        var (heapBefore, workingSetBefore) = Memory();
        var warmUp = await UploadLoopAsync(images, WarmUpUploads, WarmUp);
        var (warmUpBacklog, _) = await DrainAsync();

        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            var run = await UploadLoopAsync(images, MaxUploads, UploadWindow);
            var resources = await meter.StopAsync();
            var backlogAtEnd = await system.CountLedgerRowsAsync(TaskLedgerReason.Work) - warmUpBacklog;
            var processedByEnd = run.Acked - backlogAtEnd;

            PhaseResources drainResources;
            long backlog;
            TimeSpan draining;
            await using (var drainMeter = ProcessMeter.Start(system.ServicePids))
            {
                (backlog, draining) = await DrainAsync();
                drainResources = await drainMeter.StopAsync();
            }

            var outcomes = await ReadOutcomesAsync(run.TaskIds);
            var (blobs, blobBytes) = await system.MeasureMediaStoreAsync();
            var (heapAfter, workingSetAfter) = Memory();
            var seconds = run.Elapsed.TotalSeconds;
            var notes = new List<string>
            {
                Invariant($"{run.Acked} acked in {seconds:0.0} s: {run.Bytes / seconds / 1e6:0.0} MB/s of file bytes ({run.Bytes / seconds / (1024 * 1024):0.0} MiB/s)"),
                Invariant($"{processedByEnd} of {run.Acked} processed by the end of the uploads ({processedByEnd / seconds:0.0}/s while uploading)"),
                backlog == 0
                    ? Invariant($"the other {backlogAtEnd} processed {draining.TotalSeconds:0.0} s later ({backlogAtEnd / draining.TotalSeconds:0.0}/s with no uploads, {drainResources.CpuSeconds * 1000 / Math.Max(1, backlogAtEnd):0} CPU ms each); all {run.Acked} processed {(run.Elapsed + draining).TotalSeconds:0.0} s after the first upload ({run.Acked / (run.Elapsed + draining).TotalSeconds:0.0}/s)")
                    : Invariant($"{backlog} still unprocessed {UploadDrain.TotalSeconds:0} s after the uploads"),
                Invariant($"read back: {outcomes}"),
                Invariant($"media store: {blobs} blobs, {blobBytes / (1024.0 * 1024):0} MiB (warm-up's {warmUp.Acked} included)"),
                Invariant($"managed heap after a full GC {heapBefore:0} → {heapAfter:0} MiB, working set {workingSetBefore:0} → {workingSetAfter:0} MiB (warm-up to read-back)"),
                Invariant($"warm-up: {warmUp.Acked} acked in {warmUp.Elapsed.TotalSeconds:0.0} s, not counted{(warmUpBacklog > 0 ? Invariant($", {warmUpBacklog} of its tasks unprocessed when the run began") : "")}"),
                run.Errors.Describe(),
            };
            var summary = run.Latencies.Summarize();
            return new PhaseResult(Mode, phase, run.Acked, run.Errors.Count, run.Acked / seconds, summary, resources,
                string.Join("; ", notes.Where(n => n.Length > 0)));
        }
    }

    private async Task<UploadRun> UploadLoopAsync(UploadImages images, int max, TimeSpan limit)
    {
        var run = new UploadRun();
        long issued = 0;
        var clock = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            while (clock.Elapsed < limit && Interlocked.Increment(ref issued) <= max)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await UploadAsync(images, Interlocked.Increment(ref _uploadSequence));
                var ended = Stopwatch.GetTimestamp();
                if (outcome.Ok)
                {
                    run.Latencies.Record(started, ended);
                    run.TaskIds.Add(outcome.TaskId!);
                }
                else
                {
                    run.Errors.Add(outcome.Error!);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.UploadConcurrency).Select(_ => Task.Run(WorkAsync)));
        run.Elapsed = clock.Elapsed;
        return run;
    }

    private async Task<SubmitOutcome> UploadAsync(UploadImages images, long sequence)
    {
        using var form = new MultipartFormDataContent();
        var file = images.Content(sequence);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "media", Invariant($"bench-{sequence}.jpg"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Address, "/api/v2/task/async")) { Content = form };
        request.Headers.TryAddWithoutValidation("authorization", "token " + apiKey);
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new SubmitOutcome(false, null, Invariant($"{(int)response.StatusCode}"));
            }

            using var json = JsonDocument.Parse(body);
            return new SubmitOutcome(true, json.RootElement.GetProperty("task_id").GetString(), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new SubmitOutcome(false, null, exception.GetType().Name);
        }
    }

    /// <summary>Waits, at most <see cref="UploadDrain"/>, for no task to be owed processing; returns how many still are and how long it waited.</summary>
    private async Task<(long Backlog, TimeSpan Waited)> DrainAsync()
    {
        var clock = Stopwatch.StartNew();
        var backlog = await system.CountLedgerRowsAsync(TaskLedgerReason.Work);
        while (backlog > 0 && clock.Elapsed < UploadDrain)
        {
            await Task.Delay(250);
            backlog = await system.CountLedgerRowsAsync(TaskLedgerReason.Work);
        }

        return (backlog, clock.Elapsed);
    }

    /// <summary>
    /// Reads every task back (for at most <see cref="ResultReadLimit"/>) and tallies its status code; a "0" counts
    /// only with a PDQ hash in its first output entry.
    /// </summary>
    private async Task<string> ReadOutcomesAsync(IReadOnlyCollection<string> taskIds)
    {
        var tally = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        using var limit = new CancellationTokenSource(ResultReadLimit);
        try
        {
            await Parallel.ForEachAsync(taskIds, new ParallelOptions { MaxDegreeOfParallelism = ResultReaders, CancellationToken = limit.Token }, async (id, cancellationToken) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.Address, $"/api/v2/task/{id}"));
                request.Headers.TryAddWithoutValidation("authorization", "token " + apiKey);
                using var response = await client.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var outcome = response.StatusCode == HttpStatusCode.OK ? Outcome(body) : Invariant($"HTTP {(int)response.StatusCode}");
                tally.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            });
        }
        catch (OperationCanceledException)
        {
            tally["not read within the time limit"] = taskIds.Count - tally.Values.Sum();
        }

        return tally.IsEmpty
            ? "nothing to read"
            : string.Join(", ", tally.OrderByDescending(t => t.Value).Select(t => Invariant($"{t.Key} ×{t.Value}")));

        static string Outcome(byte[] body)
        {
            using var json = JsonDocument.Parse(body);
            var status = json.RootElement.GetProperty("status")[0];
            var code = status.GetProperty("status").GetProperty("code").GetString();
            return code == "0" && status.GetProperty("response").GetProperty("output")[0].TryGetProperty("pdq", out var pdq) && pdq.TryGetProperty("hash", out _)
                ? "\"0\" with a PDQ hash"
                : Invariant($"\"{code}\"");
        }
    }

    /// <summary>What one loop of uploads got back.</summary>
    private sealed class UploadRun
    {
        public LatencyRecorder Latencies { get; } = new();

        public ErrorTally Errors { get; } = new();

        public ConcurrentBag<string> TaskIds { get; } = [];

        public long Acked => TaskIds.Count;

        public long Bytes => Acked * (long)UploadImages.FileLength;

        public TimeSpan Elapsed { get; set; }
    }
}
