namespace HiveOrleans.Abstractions.Banks;

/// <summary>A hash in a bank.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.BankHashEntry")]
public sealed record BankHashEntry
{
    /// <summary>The caller's id for the content.</summary>
    [Id(0)] public required string ContentId { get; init; }

    /// <summary>The PDQ hash, 64 lowercase hex digits.</summary>
    [Id(1)] public required string Hash { get; init; }

    /// <summary>The label.</summary>
    [Id(2)] public required string Label { get; init; }

    /// <summary>When this hash and label were stored under the content id.</summary>
    [Id(3)] public required DateTimeOffset AddedOn { get; init; }
}
