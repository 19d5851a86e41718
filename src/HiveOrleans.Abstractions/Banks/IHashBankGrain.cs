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
    /// <param name="description">What the bank holds; may be empty.</param>
    /// <param name="matchTransforms">Whether media is matched turned and mirrored too; <c>null</c> for the default, true.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The alias changed with the arguments, so a silo of the previous version refuses the call rather than misreading it.</remarks>
    [Alias("CreateWithSettings")]
    Task<HashBankDetails> CreateAsync(string? description, bool? matchTransforms, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the bank's description and whether it matches turned and mirrored media, each only when given (not
    /// <c>null</c>); the bank must exist (<see cref="HashBankError.NotFound"/>). Returns the bank as it is then.
    /// </summary>
    [Alias("Update")]
    Task<HashBankUpdated> UpdateAsync(string? description, bool? matchTransforms, CancellationToken cancellationToken = default);

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
