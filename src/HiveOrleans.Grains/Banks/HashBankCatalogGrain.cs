using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Storage.Banks;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Banks;

// Holds nothing but a store, so its calls may interleave: a stateless worker alone takes one call at a time per
// activation (one activation per core), and each call waits on the database.
[StatelessWorker]
[Reentrant]
internal sealed class HashBankCatalogGrain(IHashBankStore store) : Grain, IHashBankCatalogGrain
{
    public async Task<IReadOnlyList<HashBankDetails>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListBanksAsync(cancellationToken)).Select(HashBankGrain.Details)];
}
