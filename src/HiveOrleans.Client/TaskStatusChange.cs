using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>The data of a <c>status</c> event on a task's event stream: the task moved to a new phase.</summary>
public sealed record TaskStatusChange
{
    /// <summary>The task.</summary>
    public required string TaskId { get; init; }

    /// <summary>The phase: <c>PENDING</c>, <c>PROCESSING</c>, <c>AWAITING_REVIEW</c>, <c>SUCCESS</c> or <c>FAILED</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The Task object's <c>status[0].status.code</c> at that moment (<c>"0"</c> for success, the error code on failure).</summary>
    public string? Code { get; init; }

    /// <summary>The matching status message.</summary>
    public string? Message { get; init; }

    /// <summary>When the change happened.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The event's data as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static TaskStatusChange From(JsonElement json) => new()
    {
        TaskId = JsonRead.String(json, "task_id") ?? "",
        Status = JsonRead.String(json, "status") ?? "",
        Code = JsonRead.String(json, "code"),
        Message = JsonRead.String(json, "message"),
        Time = JsonRead.Time(json, "time"),
        Raw = json,
    };
}
