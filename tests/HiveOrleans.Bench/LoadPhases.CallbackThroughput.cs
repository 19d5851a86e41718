using System.Collections.Concurrent;
using System.Diagnostics;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Tasks;

namespace HiveOrleans.Bench;

internal sealed partial class LoadPhases
{
    /// <summary>
    /// Closed loop: <see cref="BenchOptions.Concurrency"/> workers submit async tasks with a callback_url as fast as
    /// they are acknowledged, round-robin over <paramref name="sink"/>'s receivers, for a warm-up and then
    /// <see cref="BenchOptions.Seconds"/>. Counts the first callbacks that arrived at healthy receivers inside the
    /// window, and the latency from sending each submission of the window to its first callback. Afterwards it waits
    /// for every healthy receiver's callback, then reports what the down receivers saw and what their pending retries
    /// hold: the managed heap and working set against the start, and the ledger's callback rows.
    /// </summary>
    public async Task<PhaseResult> CallbackThroughputAsync(CallbackSink sink, string phase)
    {
        var errors = new ErrorTally();
        var healthy = new ConcurrentBag<(string TaskId, long Sent, bool InWindow)>();
        long issued = 0, toDown = 0;
        var (heapBefore, workingSetBefore) = Memory();
        var clock = Stopwatch.StartNew();
        var windowEnd = WarmUp + TimeSpan.FromSeconds(options.Seconds);

        async Task WorkAsync()
        {
            long n;
            while (clock.Elapsed < windowEnd && (n = Interlocked.Increment(ref issued)) <= MaxAsyncRequests)
            {
                var (url, down) = sink.Receivers[(int)(n % sink.Receivers.Count)];
                var inWindow = clock.Elapsed >= WarmUp;
                var sent = Stopwatch.GetTimestamp();
                var outcome = await SubmitAsync("async", url.ToString(), readTaskId: true);
                if (!outcome.Ok)
                {
                    errors.Add(outcome.Error!);
                }
                else if (down)
                {
                    Interlocked.Increment(ref toDown);
                }
                else
                {
                    healthy.Add((outcome.TaskId!, sent, inWindow && clock.Elapsed <= windowEnd));
                }
            }
        }

        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
        await Task.Delay(WarmUp);
        var windowStart = Stopwatch.GetTimestamp();
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            var resources = await meter.StopAsync();
            var delivered = sink.CountArrivals(windowStart, Stopwatch.GetTimestamp());
            await Task.WhenAll(workers);
            var submitting = clock.Elapsed;

            var missing = healthy.Count(h => !sink.TryGetArrival(h.TaskId, out _));
            while (missing > 0 && clock.Elapsed < windowEnd + MaxDrain)
            {
                await Task.Delay(500);
                missing = healthy.Count(h => !sink.TryGetArrival(h.TaskId, out _));
            }

            var latencies = new LatencyRecorder();
            foreach (var (taskId, sent, _) in healthy.Where(h => h.InWindow))
            {
                if (sink.TryGetArrival(taskId, out var arrived))
                {
                    latencies.Record(sent, arrived);
                }
            }

            var (heapAfter, workingSetAfter) = Memory();
            var retryRows = await system.CountLedgerRowsAsync(TaskLedgerReason.Callback);
            var notes = new List<string>
            {
                Invariant($"{healthy.Count + toDown} acked in {submitting.TotalSeconds:0.0} s, warm-up included ({(healthy.Count + toDown) / submitting.TotalSeconds:0}/s)"),
                missing == 0
                    ? Invariant($"all {healthy.Count} callbacks to healthy receivers arrived {clock.Elapsed.TotalSeconds:0.0} s after the start")
                    : Invariant($"{missing} of {healthy.Count} callbacks to healthy receivers still missing {MaxDrain.TotalSeconds:0} s after the window"),
                Invariant($"{sink.Duplicates} duplicates, {sink.Unreadable} unreadable"),
            };
            if (toDown > 0)
            {
                var attempts = sink.RefusedAttempts.Values.ToArray();
                var spread = attempts.GroupBy(a => a).OrderBy(g => g.Key).Select(g => Invariant($"{g.Count()} tasks ×{g.Key}"));
                notes.Add(Invariant(
                    $"down receivers: {attempts.Sum()} attempts answered 503 for {attempts.Length} of {toDown} tasks sent to them ({string.Join(", ", spread)}) by {clock.Elapsed.TotalSeconds:0} s"));
            }

            notes.Add(Invariant(
                $"managed heap after a full GC {heapBefore:0} → {heapAfter:0} MiB, working set {workingSetBefore:0} → {workingSetAfter:0} MiB; {retryRows} ledger rows awaiting a callback retry (reason = 1)"));
            notes.Add(errors.Describe());
            var summary = latencies.Summarize();
            return new PhaseResult(Mode, phase, delivered, errors.Count, delivered / (double)options.Seconds, summary, resources,
                string.Join("; ", notes.Where(n => n.Length > 0)));
        }
    }

    /// <summary>This process's managed heap after a full collection, and its working set, in MiB.</summary>
    private static (double Heap, double WorkingSet) Memory() =>
        (GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0), Environment.WorkingSet / (1024.0 * 1024.0));
}
