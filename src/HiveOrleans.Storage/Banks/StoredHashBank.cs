namespace HiveOrleans.Storage.Banks;

/// <summary>A live bank and its live hashes counted in total and per label.</summary>
public sealed record StoredHashBank(
    string Name,
    string Description,
    DateTimeOffset CreatedAt,
    long HashCount,
    IReadOnlyDictionary<string, long> LabelCounts);
