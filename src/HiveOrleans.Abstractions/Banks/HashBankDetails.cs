namespace HiveOrleans.Abstractions.Banks;

/// <summary>A bank as the operator sees it.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.HashBankDetails")]
public sealed record HashBankDetails
{
    /// <summary>The bank's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>What the bank holds, in the operator's words; may be empty.</summary>
    [Id(1)] public required string Description { get; init; }

    /// <summary>When the bank was created.</summary>
    [Id(2)] public required DateTimeOffset CreatedOn { get; init; }

    /// <summary>How many hashes the bank holds.</summary>
    [Id(3)] public required long HashCount { get; init; }

    /// <summary>How many hashes carry each label.</summary>
    [Id(4)] public required IReadOnlyDictionary<string, long> Labels { get; init; }

    /// <summary>Whether media is matched turned and mirrored too (the eight PDQ dihedral hashes), not only as it is.</summary>
    [Id(5)] public required bool MatchTransforms { get; init; }
}
