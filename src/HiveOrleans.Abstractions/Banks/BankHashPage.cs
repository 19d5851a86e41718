namespace HiveOrleans.Abstractions.Banks;

/// <summary>One page of a bank's hashes.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.BankHashPage")]
public sealed record BankHashPage
{
    /// <summary>How many hashes the bank holds in all.</summary>
    [Id(0)] public required long Total { get; init; }

    /// <summary>The position of the first hash on the page.</summary>
    [Id(1)] public required int Offset { get; init; }

    /// <summary>The page's hashes, ordered by content id.</summary>
    [Id(2)] public required IReadOnlyList<BankHashEntry> Hashes { get; init; }
}
