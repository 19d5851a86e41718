namespace HiveOrleans.Abstractions.Batches;

/// <summary>A batch as it is opened: its id, its project and where its one batch callback goes, if anywhere.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.BatchOpening")]
public sealed record BatchOpening
{
    /// <summary>The batch.</summary>
    [Id(0)] public required Guid BatchId { get; init; }

    /// <summary>The project of the key that submitted it.</summary>
    [Id(1)] public required long ProjectId { get; init; }

    /// <summary>When the gateway accepted the request.</summary>
    [Id(2)] public required DateTimeOffset CreatedOn { get; init; }

    /// <summary>Where one POST goes when every item has finished; null for none.</summary>
    [Id(3)] public string? CallbackUrl { get; init; }
}
