namespace HiveOrleans.Wire.Batches;

/// <summary>What became of one item of a batch: its task, or the error that refused it.</summary>
/// <param name="TaskId">The task the item became; null when it was refused.</param>
/// <param name="ReturnCode">The HTTP status a single submission of the item would have got; 0 when accepted.</param>
/// <param name="Message">Why it was refused; null when accepted.</param>
public readonly record struct BatchItemOutcome(Guid? TaskId, int ReturnCode, string? Message)
{
    /// <summary>An item stored as <paramref name="taskId"/>.</summary>
    public static BatchItemOutcome Accepted(Guid taskId) => new(taskId, 0, null);

    /// <summary>An item refused with <paramref name="returnCode"/> and <paramref name="message"/>.</summary>
    public static BatchItemOutcome Refused(int returnCode, string message) => new(null, returnCode, message);
}
