namespace HiveOrleans.Abstractions.Tasks;

/// <summary>
/// One decision in a task's history: a model run (at submission or by a rerun applied to it) or a reviewer's decision.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskHistoryEntry")]
public sealed record TaskHistoryEntry
{
    /// <summary>What made it: <c>submission</c>, <c>rerun:&lt;rerun id&gt;</c> or <c>review</c>.</summary>
    [Id(0)] public required string Trigger { get; init; }

    /// <summary>When it was decided.</summary>
    [Id(1)] public required DateTimeOffset RecordedOn { get; init; }

    /// <summary>The project's configuration version it was decided under.</summary>
    [Id(2)] public int ConfigVersion { get; init; }

    /// <summary>The model's version (a model run); null for a review.</summary>
    [Id(3)] public string? ModelVersion { get; init; }

    /// <summary>A model run's output as it stood (thresholds applied); null for a review.</summary>
    [Id(4)] public ModerationOutput? Output { get; init; }

    /// <summary>A review's decision; null for a model run.</summary>
    [Id(5)] public TaskReview? Review { get; init; }

    /// <summary>True for the entry that is the task's result now.</summary>
    [Id(6)] public bool Current { get; init; }
}

/// <summary>The triggers of <see cref="TaskHistoryEntry.Trigger"/>.</summary>
public static class HistoryTriggers
{
    /// <summary>The model run when the task was submitted.</summary>
    public const string Submission = "submission";
    /// <summary>A reviewer's decision.</summary>
    public const string Review = "review";

    /// <summary>The trigger of a result written by rerun <paramref name="rerunId"/> in apply mode.</summary>
    public static string Rerun(Guid rerunId) => "rerun:" + rerunId.ToString("D");
}
