using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Reruns;

/// <summary>How reruns share a silo with live traffic (docs/operations.md, "Reruns").</summary>
public sealed class RerunOptions
{
    public const string Section = "HiveOrleans:Reruns";

    /// <summary>Stored tasks read per round trip.</summary>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 1_000;

    /// <summary>
    /// Threads that run reruns' model runs on a silo, shared by every rerun there, at the lowest priority (nice 19 on
    /// Linux, <see cref="BackgroundCpu"/>): live tasks, with their own <c>ModelConcurrency</c>, go first.
    /// </summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <summary>
    /// The most tasks a second one rerun looks at; 0 for no cap beyond <see cref="Concurrency"/>. A text rerun costs
    /// about a sixth of a core at 5,000 tasks/s, taken from live traffic when that saturates the box: under a cap of
    /// 20,000 (never reached) a shadow rerun ran at 17,600 tasks/s on this box's 2 cores and live acknowledgements fell
    /// 38 %; at 5,500 they lost 10–18 %, at 5,200 (5,100/s beside live traffic) 8–11 %, and 15–19 % on a slower box
    /// (docs/benchmarks.md).
    /// </summary>
    [Range(0, 1_000_000)]
    public double MaxTasksPerSecond { get; set; } = 5_200;

    /// <summary>
    /// How long a rerun waits at most, before each page, for a live model slot to free up: while every slot of the silo
    /// is busy, live traffic goes first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan YieldToLiveTraffic { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a running rerun writes its cursor and report, the most work a silo's loss makes it redo.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo looks for running reruns whose silo went, and carries them on.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many changed task ids a report lists as examples.</summary>
    [Range(0, 1_000)]
    public int Examples { get; set; } = 20;
}
