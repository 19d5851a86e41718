using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Storage.Banks;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Banks;

[StatelessWorker]
internal sealed class HashBankCatalogGrain(IHashBankStore store) : Grain, IHashBankCatalogGrain
{
    public async Task<IReadOnlyList<HashBankDetails>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListBanksAsync(cancellationToken)).Select(HashBankGrain.Details)];
}
