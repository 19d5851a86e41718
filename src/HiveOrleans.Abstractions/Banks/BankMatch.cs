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

    /// <summary>
    /// How the media differs from the banked picture: <c>original</c> (as banked), or turned or mirrored —
    /// <c>rotate90</c>, <c>rotate180</c>, <c>rotate270</c> (clockwise), <c>flip_horizontal</c>, <c>flip_vertical</c>,
    /// <c>transpose</c>, <c>transverse</c>. Only banks that match transforms report other than <c>original</c>.
    /// </summary>
    [Id(4)] public string Transform { get; init; } = "original";
}
