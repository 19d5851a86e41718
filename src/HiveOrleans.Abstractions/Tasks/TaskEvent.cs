namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A task's status at one moment, as observers see it.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskEvent")]
public sealed record TaskEvent
{
    /// <summary>The task.</summary>
    [Id(0)] public required Guid TaskId { get; init; }

    /// <summary>The new phase.</summary>
    [Id(1)] public required TaskPhase Phase { get; init; }

    /// <summary>The wire status code (<c>"0"</c> for success, <c>PENDING</c>, an error code…).</summary>
    [Id(2)] public required string Code { get; init; }

    /// <summary>The wire status message.</summary>
    [Id(3)] public required string Message { get; init; }

    /// <summary>When the change happened.</summary>
    [Id(4)] public required DateTimeOffset At { get; init; }

    /// <summary>How far the model has come, while it runs and reports it; a new value is an event of its own.</summary>
    [Id(5)] public TaskProgress? Progress { get; init; }

    /// <summary>True for the last event a task sends: it finished.</summary>
    public bool IsFinal => Phase is TaskPhase.Succeeded or TaskPhase.Failed;
}
