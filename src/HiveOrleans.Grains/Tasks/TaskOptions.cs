using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Tasks;

/// <summary>How tasks are processed and recovered. Bound from <c>HiveOrleans:Tasks</c>; see docs/operations.md.</summary>
public sealed class TaskOptions
{
    public const string Section = "HiveOrleans:Tasks";

    /// <summary>
    /// How long after a write the task store first considers an unfinished task overdue. A task that finishes sooner is never
    /// swept; after a crash, this bounds how late recovery starts.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RecoverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo looks in the task store for overdue tasks.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed overdue task stays hidden from other sweepers while its task is resumed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ResumeLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many overdue tasks one sweep takes at most.</summary>
    [Range(1, 10_000)]
    public int SweepBatch { get; set; } = 500;

    /// <summary>How many tasks one sweep resumes at once.</summary>
    [Range(1, 1_000)]
    public int ResumeParallelism { get; set; } = 32;

    /// <summary>After this many interrupted attempts a task fails with <c>MODEL_FAILED</c> instead of crashing silos forever.</summary>
    [Range(1, 100)]
    public int MaxRecoveries { get; set; } = 5;

    /// <summary>How many model runs one silo does at once, outside the Orleans scheduler. 0 means one per core.</summary>
    [Range(0, 4_096)]
    public int ModelConcurrency { get; set; }

    /// <summary>A callback attempt that has no 2xx answer within this time has failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Steps between failed callback attempts; the last one repeats until <see cref="CallbackGiveUpAfter"/>. Each wait
    /// is drawn at random between 10% and 100% of its step (full jitter, floored so a retry never comes at once),
    /// so receivers coming back from an outage are not hit by every retry at the same moment.
    /// Empty means 10 s, 30 s, 2 min, 10 min, 1 h. (A list left empty by default, because the configuration binder
    /// appends to a non-empty default instead of replacing it.)
    /// </summary>
    public List<TimeSpan> CallbackRetryDelays { get; } = [];

    /// <summary>How long after the task finished callback attempts go on.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan CallbackGiveUpAfter { get; set; } = TimeSpan.FromHours(25);

    /// <summary>
    /// How often a silo probes a destination whose callbacks failed three times in a row (their callbacks are held
    /// meanwhile): one held task tries ahead of its schedule.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan CallbackProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When a failing destination answers again, its pending retries become due at random moments within this long,
    /// so the backlog arrives promptly but not all at once (and at most <see cref="CallbackConcurrencyPerDestination"/>
    /// at a time per silo).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CallbackRecoverySpread { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many callbacks one silo sends to one destination (scheme, host, port) at once.</summary>
    [Range(1, 1_000)]
    public int CallbackConcurrencyPerDestination { get; set; } = 16;

    internal IReadOnlyList<TimeSpan> EffectiveCallbackRetryDelays => CallbackRetryDelays.Count > 0 ? CallbackRetryDelays : DefaultRetryDelays;

    private static readonly TimeSpan[] DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10), TimeSpan.FromHours(1),
    ];

    internal int EffectiveModelConcurrency => ModelConcurrency > 0 ? ModelConcurrency : Environment.ProcessorCount;
}
