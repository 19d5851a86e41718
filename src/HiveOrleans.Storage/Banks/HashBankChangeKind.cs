namespace HiveOrleans.Storage.Banks;

/// <summary>What a change in the hash-bank feed did.</summary>
public enum HashBankChangeKind
{
    /// <summary>A content id now holds this hash and label (added, re-added, or replaced).</summary>
    HashStored = 1,

    /// <summary>The content id's hash was removed.</summary>
    HashRemoved = 2,

    /// <summary>The bank was created (or re-created after a deletion) empty: forget anything held for it.</summary>
    BankCreated = 3,

    /// <summary>The bank and all its hashes were deleted.</summary>
    BankDeleted = 4,

    /// <summary>The bank's settings changed (<see cref="HashBankChange.MatchTransforms"/>); its hashes stay as they are.</summary>
    BankSettingsChanged = 5,
}
