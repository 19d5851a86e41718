namespace HiveOrleans.Storage.Banks;

/// <summary>
/// One entry of the change feed. Hash changes carry the content id, and a stored hash its hash and label too (a
/// removal carries the values the id last held); bank changes carry only the bank, and a live bank's (created or with
/// its settings changed) whether it matches turned and mirrored media, as the bank is set now.
/// </summary>
public sealed record HashBankChange(long Seq, HashBankChangeKind Kind, string Bank, string? ContentId, string? Hash, string? Label)
{
    /// <summary>For <see cref="HashBankChangeKind.BankCreated"/> and <see cref="HashBankChangeKind.BankSettingsChanged"/>: the bank's setting.</summary>
    public bool MatchTransforms { get; init; }
}
