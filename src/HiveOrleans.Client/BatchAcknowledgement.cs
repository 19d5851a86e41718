using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// The answer to a batch submission, sent once every accepted item is durably stored: the batch id (for
/// <see cref="HiveOrleansClient.GetBatchAsync"/>) and one entry per item, in the order sent.
/// </summary>
public sealed record BatchAcknowledgement
{
    /// <summary>The batch id.</summary>
    public required string BatchId { get; init; }

    /// <summary>How many items became tasks.</summary>
    public int Accepted { get; init; }

    /// <summary>How many items were refused.</summary>
    public int Rejected { get; init; }

    /// <summary>Each item's outcome, in the order sent.</summary>
    public required IReadOnlyList<BatchItemResult> Items { get; init; }

    /// <summary>The answer as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static BatchAcknowledgement FromJson(JsonElement json) => new()
    {
        BatchId = JsonRead.String(json, "batch_id") ?? throw new JsonException("The batch acknowledgement has no 'batch_id'."),
        Accepted = JsonRead.Int(json, "accepted") ?? 0,
        Rejected = JsonRead.Int(json, "rejected") ?? 0,
        Items = JsonRead.Array(json, "items", BatchItemResult.FromJson),
        Raw = json,
    };
}
