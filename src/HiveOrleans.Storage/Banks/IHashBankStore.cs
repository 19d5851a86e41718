namespace HiveOrleans.Storage.Banks;

/// <summary>
/// PDQ hash banks in the store: the banks, their hashes, and a change feed silos follow to keep an in-memory
/// matcher current. Every change (a hash stored or removed, a bank created or deleted) gets a sequence number; a
/// reader that has applied everything up to <c>seq</c> gets the rest from <see cref="ReadChangesAsync"/>, in order,
/// with none skipped even when writers run at once (see deploy/sql/postgresql/030-hash-banks.sql). It behaves the
/// same on SQLite and PostgreSQL. Names, content ids, hashes and labels must already be valid: the rules are the
/// bank grain's, and the tables only back them up with constraints.
/// </summary>
public interface IHashBankStore
{
    /// <summary>Creates a bank (re-creating a deleted one, empty); <c>null</c> when a live bank has the name.</summary>
    /// <param name="matchTransforms">Whether media is matched turned and mirrored too.</param>
    Task<HashBankWrite?> CreateBankAsync(string name, string description, bool matchTransforms, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a live bank's description and setting, each only when given; <c>null</c> when there is no live bank of
    /// that name. A changed <paramref name="matchTransforms"/> is a <see cref="HashBankChangeKind.BankSettingsChanged"/>
    /// in the feed; a description is not in the feed at all.
    /// </summary>
    Task<HashBankWrite?> UpdateBankAsync(string name, string? description, bool? matchTransforms, CancellationToken cancellationToken = default);

    /// <summary>The live bank with its counts, or <c>null</c>.</summary>
    Task<StoredHashBank?> GetBankAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every live bank with its counts, by name.</summary>
    Task<IReadOnlyList<StoredHashBank>> ListBanksAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the bank and all its hashes; <c>null</c> when there is no live bank of that name.</summary>
    Task<HashBankWrite?> DeleteBankAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores hashes under their content ids, replacing the hash and label already under an id. Content ids must be
    /// distinct within the batch. <c>null</c> when the bank does not exist.
    /// </summary>
    Task<HashesStored?> AddHashesAsync(string bank, IReadOnlyList<HashBankEntry> hashes, CancellationToken cancellationToken = default);

    /// <summary>Removes the hashes under these content ids (unknown ones are ignored); <c>null</c> when the bank does not exist.</summary>
    Task<HashRemoval?> RemoveHashesAsync(string bank, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default);

    /// <summary>A page of a bank's live hashes ordered by content id (ordinal), or <c>null</c> when the bank does not exist.</summary>
    Task<StoredHashPage?> ListHashesAsync(string bank, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> changes with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<HashBankChange>> ReadChangesAsync(long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Passes the state of every bank to <paramref name="visit"/>, all from one consistent snapshot, and returns the
    /// sequence number that snapshot reflects: continue with <see cref="ReadChangesAsync"/> after it. First comes one
    /// change per bank ever created, <see cref="HashBankChangeKind.BankCreated"/> for a live bank (with its setting) and
    /// <see cref="HashBankChangeKind.BankDeleted"/> for a deleted one, whose <see cref="HashBankChange.Seq"/> is the
    /// bank's last change (its own, its settings', or any of its hashes', removals included: what a reader that followed the whole
    /// feed would have seen last for it); then every live hash of a live bank as <see cref="HashBankChangeKind.HashStored"/>.
    /// <paramref name="visit"/> runs on the reading thread, one row at a time.
    /// </summary>
    Task<long> LoadAllAsync(Action<HashBankChange> visit, CancellationToken cancellationToken = default);
}
