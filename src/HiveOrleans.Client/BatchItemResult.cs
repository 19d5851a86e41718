using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>One item of a batch: the task it became, or why it was refused (the status a single submission would have got).</summary>
public sealed record BatchItemResult
{
    /// <summary>The task the item became; null when it was refused.</summary>
    public string? TaskId { get; init; }

    /// <summary>The HTTP status of the refusal (400, 413, 429, 503…); null when accepted.</summary>
    public int? ReturnCode { get; init; }

    /// <summary>Why the item was refused; null when accepted.</summary>
    public string? Message { get; init; }

    /// <summary>The item became a task.</summary>
    public bool IsAccepted => TaskId is not null;

    internal static BatchItemResult FromJson(JsonElement json)
    {
        var error = JsonRead.Property(json, "error");
        return error.ValueKind == JsonValueKind.Object
            ? new() { ReturnCode = JsonRead.Int(error, "return_code"), Message = JsonRead.String(error, "message") }
            : new() { TaskId = JsonRead.String(json, "task_id") };
    }
}
