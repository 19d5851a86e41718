using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// The answer to an async submission: the task is durably stored and will be POSTed to its callback URL when it
/// finishes. Follow it with <see cref="HiveOrleansClient.GetTaskAsync"/> or <see cref="HiveOrleansClient.WatchAsync"/>.
/// </summary>
public sealed record TaskAcknowledgement
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary><c>We received your task.</c></summary>
    public string? Message { get; init; }

    /// <summary>The project the task belongs to.</summary>
    public long ProjectId { get; init; }

    /// <summary>The project's user id.</summary>
    public long? UserId { get; init; }

    /// <summary>Where the finished task will be POSTed, if anywhere.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>
    /// The idempotency key the submission was sent with: the caller's, or the one the SDK made up for it. Submitting
    /// again with the same key within 24 h gives this same task.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The acknowledgement as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static TaskAcknowledgement From(JsonElement json, string idempotencyKey) => new()
    {
        TaskId = JsonRead.String(json, "task_id") ?? JsonRead.String(json, "id")
            ?? throw new JsonException("The acknowledgement has no 'task_id'."),
        Message = JsonRead.String(json, "message"),
        ProjectId = JsonRead.Long(json, "project_id") ?? 0,
        UserId = JsonRead.Long(json, "user_id"),
        CallbackUrl = JsonRead.String(json, "callback_url"),
        IdempotencyKey = idempotencyKey,
        Raw = json,
    };
}
