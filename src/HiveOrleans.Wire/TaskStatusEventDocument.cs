using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// Ours, not Hive's: the data of one <c>status</c> event on <c>GET /api/v2/task/{id}/events</c>, sent on each change of a
/// task's phase. <see cref="Code"/> and <see cref="Message"/> are those of the Task object's <c>status[0].status</c>.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Status">The phase: <c>PENDING</c>, <c>PROCESSING</c>, <c>AWAITING_REVIEW</c>, <c>SUCCESS</c> or <c>FAILED</c>.</param>
/// <param name="Code">The wire status code (<c>"0"</c> for success, the phase while running, the error code on failure).</param>
/// <param name="Message">The wire status message.</param>
/// <param name="Time">When the change happened.</param>
/// <param name="Progress">How far the model has come, on the events a long run sends while processing; absent otherwise.</param>
public sealed record TaskStatusEventDocument(
    Guid TaskId,
    string Status,
    string Code,
    string Message,
    DateTimeOffset Time,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] TaskProgressDocument? Progress = null)
{
    /// <summary>The event for <paramref name="taskEvent"/>.</summary>
    public static TaskStatusEventDocument From(TaskEvent taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        return new(taskEvent.TaskId, PhaseName(taskEvent.Phase), taskEvent.Code, taskEvent.Message, taskEvent.At, TaskProgressDocument.From(taskEvent.Progress));
    }

    private static string PhaseName(TaskPhase phase) => phase switch
    {
        TaskPhase.Pending => "PENDING",
        TaskPhase.Processing => "PROCESSING",
        TaskPhase.AwaitingReview => "AWAITING_REVIEW",
        TaskPhase.Succeeded => "SUCCESS",
        _ => "FAILED",
    };
}
