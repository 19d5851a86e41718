namespace HiveOrleans.Abstractions.Banks;

/// <summary>
/// The curator of one PDQ hash bank: creates and deletes it and changes its hashes. Keyed by
/// <see cref="HashBankKeys.GrainKey"/> (<c>bank-NAME</c>). The hashes live in the store's tables, not in grain state;
/// every silo follows their changes into its own matcher within a polling interval. Requests the operator got wrong
/// throw <see cref="HashBankRequestException"/>.
/// </summary>
[Alias("HiveOrleans.IHashBankGrain")]
public interface IHashBankGrain : IGrainWithStringKey
{
    /// <summary>Creates the bank, empty; a live bank of the same name is a <see cref="HashBankError.Conflict"/>.</summary>
    [Alias("Create")]
    Task<HashBankDetails> CreateAsync(string? description, CancellationToken cancellationToken = default);

    /// <summary>The bank with its counts, or <c>null</c> when it does not exist.</summary>
    [Alias("Get")]
    Task<HashBankDetails?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the bank and all its hashes. Returns the change's sequence number (see <see cref="HashesAdded.Seq"/>).</summary>
    [Alias("Delete")]
    Task<long> DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores up to <see cref="HashBankLimits.MaxBatch"/> hashes; a content id already in the bank has its hash and
    /// label replaced. Each content id at most once per batch.
    /// </summary>
    [Alias("AddHashes")]
    Task<HashesAdded> AddHashesAsync(IReadOnlyList<BankHash> hashes, CancellationToken cancellationToken = default);

    /// <summary>Removes the hashes under up to <see cref="HashBankLimits.MaxBatch"/> content ids; unknown ids are ignored.</summary>
    [Alias("RemoveHashes")]
    Task<HashesRemoved> RemoveHashesAsync(IReadOnlyList<string> contentIds, CancellationToken cancellationToken = default);

    /// <summary>Live hashes ordered by content id (ordinal), <paramref name="limit"/> (1 to <see cref="HashBankLimits.MaxPage"/>) from <paramref name="offset"/>.</summary>
    [Alias("ListHashes")]
    Task<BankHashPage> ListHashesAsync(int offset, int limit, CancellationToken cancellationToken = default);
}
