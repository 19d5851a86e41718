namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A new result for a finished task, written by a rerun in apply mode (<see cref="ITaskGrain.ApplyResultAsync"/>).</summary>
/// <param name="Output">The new output, thresholds applied.</param>
/// <param name="Trigger">What made it (<see cref="HistoryTriggers.Rerun"/>).</param>
/// <param name="ConfigVersion">The project's configuration version the rerun ran beside.</param>
/// <param name="SendCallback">True to send the task's callback again with the new result.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.AppliedResult")]
public sealed record AppliedResult(
    [property: Id(0)] ModerationOutput Output,
    [property: Id(1)] string Trigger,
    [property: Id(2)] int ConfigVersion,
    [property: Id(3)] bool SendCallback);
