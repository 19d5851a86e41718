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

        var alone = await TimeRerunAsync(projectId, "shadow rerun, alone", live: null);
        var baseline = await AsyncAcknowledgementsAsync("async acks, no rerun (closed loop)");
        PhaseResult? beside = null;
        var withLive = await TimeRerunAsync(projectId, "shadow rerun, beside async acks", live: async () => beside = await AsyncAcknowledgementsAsync("async acks beside a shadow rerun (closed loop)"));
        return [alone, baseline, beside!, withLive];
    }

    private async Task<PhaseResult> TimeRerunAsync(long projectId, string phase, Func<Task>? live)
    {
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            var rerunId = await system.StartRerunAsync(client, projectId, new { mode = "shadow", config = new { blocklist = new[] { RerunTerm } } });
            var liveRun = live?.Invoke() ?? Task.CompletedTask;
            JsonElement rerun;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                rerun = await system.GetRerunAsync(client, rerunId);
            }
            while (rerun.GetProperty("status").GetString() == "running");

            await liveRun;
            var resources = await meter.StopAsync();
            var done = rerun.GetProperty("done").GetInt64();
            var seconds = (rerun.GetProperty("finished_on").GetDateTimeOffset() - rerun.GetProperty("created_on").GetDateTimeOffset()).TotalSeconds;
            var heads = string.Join(", ", rerun.GetProperty("heads").EnumerateArray().Select(h => Invariant($"{h.GetProperty("head").GetString()} {h.GetProperty("from").GetInt32()}→{h.GetProperty("to").GetInt32()} ×{h.GetProperty("count").GetInt64()}")));
            return new PhaseResult(Mode, phase, done, rerun.GetProperty("status").GetString() == "completed" ? 0 : 1, done / seconds, new LatencySummary(0, 0, 0, 0), resources,
                Invariant($"{done:N0} tasks in {seconds:0.0} s ({rerun.GetProperty("status").GetString()}); {rerun.GetProperty("changed").GetInt64():N0} would change: {heads}"));
        }
    }
}
