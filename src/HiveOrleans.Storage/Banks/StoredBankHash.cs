namespace HiveOrleans.Storage.Banks;

/// <summary>A live hash of a bank, with when its current hash and label were stored.</summary>
public sealed record StoredBankHash(string ContentId, string Hash, string Label, DateTimeOffset AddedAt);
