namespace HiveOrleans.Client;

/// <summary>
/// One event of <see cref="HiveOrleansClient.WatchAsync"/>: a status change (<see cref="Status"/> set), or, last of
/// all, the finished task (<see cref="Task"/> set).
/// </summary>
public sealed record TaskEvent
{
    /// <summary>The status change, for a <c>status</c> event; else null.</summary>
    public TaskStatusChange? Status { get; init; }

    /// <summary>The finished task, for the final <c>task</c> event; else null.</summary>
    public TaskResult? Task { get; init; }

    /// <summary>True for the final event, which carries the finished task.</summary>
    public bool IsFinal => Task is not null;
}
