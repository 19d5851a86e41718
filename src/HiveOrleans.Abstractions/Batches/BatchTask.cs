using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Abstractions.Batches;

/// <summary>One accepted item of a batch: the task id the gateway gave it and what it submits.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.BatchTask")]
public sealed record BatchTask(
    [property: Id(0)] Guid TaskId,
    [property: Id(1)] TaskSubmission Submission);
