namespace HiveOrleans.Abstractions.Banks;

/// <summary>Lists the hash banks. A stateless worker reading the store, so every silo answers locally.</summary>
[Alias("HiveOrleans.IHashBankCatalogGrain")]
public interface IHashBankCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Every bank with its counts, ordered by name.</summary>
    [Alias("List")]
    Task<IReadOnlyList<HashBankDetails>> ListAsync(CancellationToken cancellationToken = default);
}
