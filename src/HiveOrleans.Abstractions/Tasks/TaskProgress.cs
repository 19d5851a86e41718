namespace HiveOrleans.Abstractions.Tasks;

/// <summary>
/// How far a long model run has come: for speech, the seconds of audio heard out of those there are. Shown in GET and
/// Server-Sent Events while the task is processing, as <c>{"seconds_done", "seconds_total"}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskProgress")]
public sealed record TaskProgress
{
    /// <summary>What is counted, plural: <c>"seconds"</c> (the wire names are <c>{unit}_done</c> and <c>{unit}_total</c>).</summary>
    [Id(0)] public required string Unit { get; init; }

    /// <summary>How many are done.</summary>
    [Id(1)] public required double Done { get; init; }

    /// <summary>How many there are in all, when known beforehand.</summary>
    [Id(2)] public double? Total { get; init; }
}
