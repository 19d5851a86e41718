namespace HiveOrleans.Storage.Banks;

/// <summary>One page of a bank's live hashes, and how many it has in all.</summary>
public sealed record StoredHashPage(long Total, IReadOnlyList<StoredBankHash> Hashes);
