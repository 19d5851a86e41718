using System.Diagnostics;
using System.Text.Json;

namespace HiveOrleans.Bench;

/// <summary>
/// Re-moderation (issue 18): a text project is filled with <see cref="BenchOptions.RerunTasks"/> stored tasks (copies of
/// real ones, written straight into the store), then a shadow rerun of a new blocklist goes over them alone, and again
/// beside the async acknowledgement phase, whose throughput is measured without a rerun first for comparison.
/// </summary>
internal sealed partial class LoadPhases
{
    /// <summary>A word of one of the sample texts: the blocklist that names it flips one text in sixteen.</summary>
    private const string RerunTerm = "marathon";

    /// <summary>
    /// How many times live acknowledgements are measured without, then beside, a rerun: one pair of windows differs by
    /// ±10 % with nothing changed, so the change is taken over all rounds together.
    /// </summary>
    private const int RerunRounds = 5;

    public async Task<IReadOnlyList<PhaseResult>> RerunAsync()
    {
        if (!system.CanFillTaskStore)
        {
            Console.WriteLine("   the rerun phase fills the store directly and needs cluster mode (PostgreSQL); skipped");
            return [];
        }

        var (projectId, key) = await system.CreateTextProjectAsync(client, "bench-rerun");
        var seeds = new LoadPhases(client, system, key, options);
        for (var i = 0; i < 16; i++)
        {
            var outcome = await seeds.SubmitAsync("sync", callbackUrl: null, readTaskId: false);
            if (!outcome.Ok)
            {
                throw new InvalidOperationException($"A seed task failed: {outcome.Error}");
            }
        }

        var fill = Stopwatch.StartNew();
        var added = await system.CloneStoredTasksAsync(projectId, options.RerunTasks - 16);
        Console.WriteLine(Invariant($"   {added + 16:N0} stored tasks in {fill.Elapsed.TotalSeconds:0.0} s"));

        // Stored tasks accumulate over days, vacuumed and analysed as they go; a table copied in seconds is not, and
        // PostgreSQL's autovacuum would otherwise do that catching up during the first measured windows.
        var vacuum = Stopwatch.StartNew();
        await system.VacuumTaskTableAsync();
        Console.WriteLine(Invariant($"   VACUUM (ANALYZE) hive_task in {vacuum.Elapsed.TotalSeconds:0.0} s"));

        var alone = await TimeRerunAsync(projectId, "shadow rerun, alone", live: null);
        var results = new List<PhaseResult> { alone };
        // Live throughput varies by more than the effect between two runs (PostgreSQL vacuums the copied rows, checkpoints),
        // so without and beside alternate, each beside window with a rerun of its own, cancelled once the window is over.
        // Each window starts right after a checkpoint: live throughput depends on where a window falls in PostgreSQL's
        // checkpoint cycle (full-page writes after one, the sync at its end), which runs about as long as a round.
        for (var round = 1; round <= RerunRounds; round++)
        {
            await system.CheckpointAsync();
            results.Add(await AsyncAcknowledgementsAsync(Invariant($"async acks, no rerun (closed loop), round {round}")));
            await system.CheckpointAsync();
            PhaseResult? beside = null;
            var withLive = await TimeRerunAsync(projectId, Invariant($"shadow rerun, beside async acks, round {round}"),
                live: async () => beside = await AsyncAcknowledgementsAsync(Invariant($"async acks beside a shadow rerun (closed loop), round {round}")));
            results.Add(beside!);
            results.Add(withLive);
        }

        var without = results.Where(r => r.Phase.StartsWith("async acks, no rerun", StringComparison.Ordinal)).Sum(r => r.Ok);
        var besides = results.Where(r => r.Phase.StartsWith("async acks beside", StringComparison.Ordinal)).Sum(r => r.Ok);
        Console.WriteLine(Invariant($"   live acks over {RerunRounds} rounds: {without:N0} without a rerun, {besides:N0} beside one: {100.0 * (besides - without) / without:+0.0;-0.0} %"));
        return results;
    }

    private async Task<PhaseResult> TimeRerunAsync(long projectId, string phase, Func<Task>? live)
    {
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            var rerunId = await system.StartRerunAsync(client, projectId, new { mode = "shadow", config = new { blocklist = new[] { RerunTerm } } });
            var clock = Stopwatch.StartNew();
            var liveRun = live?.Invoke() ?? Task.CompletedTask;
            // The rerun's progress over time, to tell its rate while the live phase is measured from its rate overall
            // (a rerun slowed by live traffic catches up after it, up to its cap).
            var samples = new List<(TimeSpan At, long Done)>();
            TimeSpan? liveEnded = null;
            JsonElement rerun;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                rerun = await system.GetRerunAsync(client, rerunId);
                samples.Add((clock.Elapsed, rerun.GetProperty("done").GetInt64()));
                if (liveEnded is null && live is not null && liveRun.IsCompleted)
                {
                    liveEnded = clock.Elapsed;
                    await system.CancelRerunAsync(client, rerunId);
                }
            }
            while (rerun.GetProperty("status").GetString() == "running");

            await liveRun;
            var resources = await meter.StopAsync();
            var done = rerun.GetProperty("done").GetInt64();
            var seconds = (rerun.GetProperty("finished_on").GetDateTimeOffset() - rerun.GetProperty("created_on").GetDateTimeOffset()).TotalSeconds;
            var heads = string.Join(", ", rerun.GetProperty("heads").EnumerateArray().Select(h => Invariant($"{h.GetProperty("head").GetString()} {h.GetProperty("from").GetInt32()}→{h.GetProperty("to").GetInt32()} ×{h.GetProperty("count").GetInt64()}")));
            var duringLive = live is null ? "" : RateBetween(samples, WarmUp, liveEnded ?? clock.Elapsed) is { } rate
                ? Invariant($"; {rate:N0}/s while the live phase was measured, then cancelled")
                : "; the rerun ended before the live phase's window";
            return new PhaseResult(Mode, phase, done, rerun.GetProperty("status").GetString() == (live is null ? "completed" : "cancelled") ? 0 : 1, done / seconds, new LatencySummary(0, 0, 0, 0), resources,
                Invariant($"{done:N0} tasks in {seconds:0.0} s ({rerun.GetProperty("status").GetString()}){duringLive}; {rerun.GetProperty("changed").GetInt64():N0} would change: {heads}"));
        }
    }

    /// <summary>Tasks a second between the last sample at or before <paramref name="from"/> and the first at or after <paramref name="to"/>; null if the samples do not span it (the rerun ended first).</summary>
    private static double? RateBetween(List<(TimeSpan At, long Done)> samples, TimeSpan from, TimeSpan to)
    {
        var first = samples.LastOrDefault(s => s.At <= from);
        var last = samples.FirstOrDefault(s => s.At >= to);
        return first.At == default || last.At == default
            ? null
            : (last.Done - first.Done) / (last.At - first.At).TotalSeconds;
    }
}
