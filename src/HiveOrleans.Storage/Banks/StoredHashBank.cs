namespace HiveOrleans.Storage.Banks;

/// <summary>A live bank, whether it matches turned and mirrored media, and its live hashes counted in total and per label.</summary>
public sealed record StoredHashBank(
    string Name,
    string Description,
    DateTimeOffset CreatedAt,
    bool MatchTransforms,
    long HashCount,
    IReadOnlyDictionary<string, long> LabelCounts);
