namespace HiveOrleans.Abstractions.Banks;

/// <summary>A banked hash near the one looked up.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.BankMatch")]
public sealed record BankMatch
{
    /// <summary>The bank the hash is in.</summary>
    [Id(0)] public required string Bank { get; init; }

    /// <summary>The caller's id for the banked content.</summary>
    [Id(1)] public required string ContentId { get; init; }

    /// <summary>The banked hash's label.</summary>
    [Id(2)] public required string Label { get; init; }

    /// <summary>How many of the 256 bits differ.</summary>
    [Id(3)] public required int Distance { get; init; }
}
