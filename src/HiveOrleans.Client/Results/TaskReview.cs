using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>How a manual-review project's task left review: the reviewer's decision, or the queue's timeout rule.</summary>
public sealed record TaskReview
{
    /// <summary>The decision, e.g. <c>approve</c> or <c>reject</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>Labels the reviewer chose.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The reviewer's reason, if given.</summary>
    public string? Reason { get; init; }

    /// <summary>The reviewer, or null when no person decided (a timeout rule).</summary>
    public long? ReviewerId { get; init; }

    /// <summary>When it was decided.</summary>
    public DateTimeOffset? DecidedOn { get; init; }

    /// <summary>The review queue the task waited in.</summary>
    public string? Queue { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static TaskReview? From(JsonElement json) => json.ValueKind != JsonValueKind.Object ? null : new()
    {
        Decision = JsonRead.String(json, "decision") ?? "",
        Labels = JsonRead.Strings(json, "labels"),
        Reason = JsonRead.String(json, "reason"),
        ReviewerId = JsonRead.Long(json, "reviewer_id"),
        DecidedOn = JsonRead.Time(json, "decided_on"),
        Queue = JsonRead.String(json, "queue"),
        Raw = json,
    };
}
