namespace HiveOrleans.Storage.Banks;

/// <summary>
/// One entry of the change feed. Hash changes carry the content id, and a stored hash its hash and label too (a
/// removal carries the values the id last held); bank changes carry only the bank.
/// </summary>
public sealed record HashBankChange(long Seq, HashBankChangeKind Kind, string Bank, string? ContentId, string? Hash, string? Label);
