using HiveOrleans.Abstractions.Models;
using HiveOrleans.Storage.Models;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Models.Registered;

[StatelessWorker]
internal sealed class ModelCatalogGrain(IModelStore store) : Grain, IModelCatalogGrain
{
    public async Task<IReadOnlyList<ModelDetails>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync(cancellationToken)).Select(stored => RegisteredModels.ToDetails(stored))];
}
