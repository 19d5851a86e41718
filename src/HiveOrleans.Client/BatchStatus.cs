using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>A batch's progress: what its request carried and how many of its tasks are in each status.</summary>
public sealed record BatchStatus
{
    /// <summary>The batch id.</summary>
    public required string BatchId { get; init; }

    /// <summary>The project that submitted it.</summary>
    public long ProjectId { get; init; }

    /// <summary><c>receiving</c> while its request is being read, <c>in_progress</c>, then <c>finished</c>.</summary>
    public required string Status { get; init; }

    /// <summary>How many items the request carried; null while it is being read.</summary>
    public int? Items { get; init; }

    /// <summary>How many items became tasks.</summary>
    public long Accepted { get; init; }

    /// <summary>How many items were refused; null while the request is being read.</summary>
    public int? Rejected { get; init; }

    /// <summary>Tasks not yet started.</summary>
    public long Pending { get; init; }

    /// <summary>Tasks being processed or waiting for a reviewer.</summary>
    public long Processing { get; init; }

    /// <summary>Tasks finished with a result.</summary>
    public long Succeeded { get; init; }

    /// <summary>Tasks finished with an error.</summary>
    public long Failed { get; init; }

    /// <summary>Every task of the batch has finished.</summary>
    public bool IsFinished => Status == "finished";

    /// <summary>The document as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static BatchStatus FromJson(JsonElement json) => new()
    {
        BatchId = JsonRead.String(json, "batch_id") ?? throw new JsonException("The batch has no 'batch_id'."),
        ProjectId = JsonRead.Long(json, "project_id") ?? 0,
        Status = JsonRead.String(json, "status") ?? throw new JsonException("The batch has no 'status'."),
        Items = JsonRead.Int(json, "items"),
        Accepted = JsonRead.Long(json, "accepted") ?? 0,
        Rejected = JsonRead.Int(json, "rejected"),
        Pending = JsonRead.Long(json, "pending") ?? 0,
        Processing = JsonRead.Long(json, "processing") ?? 0,
        Succeeded = JsonRead.Long(json, "succeeded") ?? 0,
        Failed = JsonRead.Long(json, "failed") ?? 0,
        Raw = json,
    };
}
