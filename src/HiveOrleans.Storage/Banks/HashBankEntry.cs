namespace HiveOrleans.Storage.Banks;

/// <summary>A hash to store: the caller's content id, the PDQ hash as 64 lowercase hex digits, and its label.</summary>
public sealed record HashBankEntry(string ContentId, string Hash, string Label);
