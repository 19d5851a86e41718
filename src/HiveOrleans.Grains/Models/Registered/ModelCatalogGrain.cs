using HiveOrleans.Abstractions.Models;
using HiveOrleans.Storage.Models;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Models.Registered;

// Holds nothing but a store, so its calls may interleave: a stateless worker alone takes one call at a time per
// activation (one activation per core), and each call waits on the database.
[StatelessWorker]
[Reentrant]
internal sealed class ModelCatalogGrain(IModelStore store) : Grain, IModelCatalogGrain
{
    public async Task<IReadOnlyList<ModelDetails>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync(cancellationToken)).Select(stored => RegisteredModels.ToDetails(stored))];
}
