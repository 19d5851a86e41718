namespace HiveOrleans.Abstractions.Batches;

/// <summary>A batch as it stands: what the request carried and how far its stored tasks have got.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.BatchProgress")]
public sealed record BatchProgress
{
    /// <summary>The batch.</summary>
    [Id(0)] public required Guid BatchId { get; init; }

    /// <summary>The project that submitted it.</summary>
    [Id(1)] public required long ProjectId { get; init; }

    /// <summary>When it was accepted.</summary>
    [Id(2)] public required DateTimeOffset CreatedOn { get; init; }

    /// <summary>How many items the request carried; null while the request is still being read.</summary>
    [Id(3)] public int? Items { get; init; }

    /// <summary>How many items were refused (an error in the answer, no task); null while the request is being read.</summary>
    [Id(4)] public int? Rejected { get; init; }

    /// <summary>Tasks stored and not yet started.</summary>
    [Id(5)] public long Pending { get; init; }

    /// <summary>Tasks being processed, or waiting for a reviewer.</summary>
    [Id(6)] public long Processing { get; init; }

    /// <summary>Tasks finished with a result.</summary>
    [Id(7)] public long Succeeded { get; init; }

    /// <summary>Tasks finished with an error.</summary>
    [Id(8)] public long Failed { get; init; }

    /// <summary>Where the batch callback goes; null for none.</summary>
    [Id(9)] public string? CallbackUrl { get; init; }

    /// <summary>Tasks stored for the batch.</summary>
    public long Accepted => Pending + Processing + Succeeded + Failed;

    /// <summary>The request has been read to its end and every stored task has finished.</summary>
    public bool IsFinished => Items is not null && Pending == 0 && Processing == 0;
}
