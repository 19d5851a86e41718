namespace HiveOrleans.Abstractions.Banks;

/// <summary>A hash to put in a bank.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.BankHash")]
public sealed record BankHash
{
    /// <summary>The caller's id for the content the hash was taken from: 1–200 characters, unique within the bank.</summary>
    [Id(0)] public required string ContentId { get; init; }

    /// <summary>The PDQ hash: 64 hex digits, as the reference implementation prints it.</summary>
    [Id(1)] public required string Hash { get; init; }

    /// <summary>What the content is (<c>csam</c>, <c>terror</c>, <c>ncii</c>, <c>spam_image</c>, …): 1–64 of a–z, 0–9 and <c>_</c>.</summary>
    [Id(2)] public required string Label { get; init; }
}
