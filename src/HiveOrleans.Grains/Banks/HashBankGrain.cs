using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Storage.Banks;

namespace HiveOrleans.Grains.Banks;

/// <summary>
/// Curates one bank. It has no grain state: the bank and its hashes are rows of the store, where every silo's
/// <see cref="BankIndex"/> follows them. One activation per bank keeps its requests in order.
/// </summary>
internal sealed class HashBankGrain(IHashBankStore store) : Grain, IHashBankGrain
{
    private string Name => HashBankRules.BankName(this.GetPrimaryKeyString());

    public async Task<HashBankDetails> CreateAsync(string? description, bool? matchTransforms, CancellationToken cancellationToken = default)
    {
        var name = Name;
        var checkedDescription = HashBankRules.Description(description);
        var transforms = matchTransforms ?? HashBankLimits.DefaultMatchTransforms;
        var created = await store.CreateBankAsync(name, checkedDescription, transforms, cancellationToken)
            ?? throw new HashBankRequestException($"Bank '{name}' already exists.", HashBankError.Conflict);
        return new HashBankDetails
        {
            Name = name,
            Description = checkedDescription,
            CreatedOn = created.At,
            HashCount = 0,
            Labels = new Dictionary<string, long>(),
            MatchTransforms = transforms,
        };
    }

    public async Task<HashBankUpdated> UpdateAsync(string? description, bool? matchTransforms, CancellationToken cancellationToken = default)
    {
        var name = Name;
        if (description is null && matchTransforms is null)
        {
            throw HashBankRules.Invalid("Nothing to change: give 'description', 'match_transforms' or both.");
        }

        var checkedDescription = description is null ? null : HashBankRules.Description(description);
        var updated = await store.UpdateBankAsync(name, checkedDescription, matchTransforms, cancellationToken) ?? throw NotFound(name);
        var bank = await store.GetBankAsync(name, cancellationToken) ?? throw NotFound(name);
        return new HashBankUpdated { Bank = Details(bank), Seq = updated.Seq };
    }

    public async Task<HashBankDetails?> GetAsync(CancellationToken cancellationToken = default) =>
        await store.GetBankAsync(Name, cancellationToken) is { } bank ? Details(bank) : null;

    public async Task<long> DeleteAsync(CancellationToken cancellationToken = default)
    {
        var name = Name;
        var deleted = await store.DeleteBankAsync(name, cancellationToken) ?? throw NotFound(name);
        return deleted.Seq;
    }

    public async Task<HashesAdded> AddHashesAsync(IReadOnlyList<BankHash> hashes, CancellationToken cancellationToken = default)
    {
        var name = Name;
        var entries = HashBankRules.Hashes(hashes);
        var stored = await store.AddHashesAsync(name, entries, cancellationToken) ?? throw NotFound(name);
        return new HashesAdded { Added = stored.Added, Replaced = stored.Replaced, Unchanged = stored.Unchanged, Seq = stored.Seq };
    }

    public async Task<HashesRemoved> RemoveHashesAsync(IReadOnlyList<string> contentIds, CancellationToken cancellationToken = default)
    {
        var name = Name;
        var removed = await store.RemoveHashesAsync(name, HashBankRules.ContentIds(contentIds), cancellationToken) ?? throw NotFound(name);
        return new HashesRemoved { Removed = removed.Removed, Seq = removed.Seq };
    }

    public async Task<BankHashPage> ListHashesAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        var name = Name;
        HashBankRules.Page(offset, limit);
        var page = await store.ListHashesAsync(name, offset, limit, cancellationToken) ?? throw NotFound(name);
        return new BankHashPage
        {
            Total = page.Total,
            Offset = offset,
            Hashes = [.. page.Hashes.Select(h => new BankHashEntry { ContentId = h.ContentId, Hash = h.Hash, Label = h.Label, AddedOn = h.AddedAt })],
        };
    }

    internal static HashBankDetails Details(StoredHashBank bank) => new()
    {
        Name = bank.Name,
        Description = bank.Description,
        CreatedOn = bank.CreatedAt,
        HashCount = bank.HashCount,
        Labels = bank.LabelCounts,
        MatchTransforms = bank.MatchTransforms,
    };

    private static HashBankRequestException NotFound(string name) => new($"Bank '{name}' not found.", HashBankError.NotFound);
}
