using HiveOrleans.Abstractions.Health;
using HiveOrleans.Storage.Tasks;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Health;

// Holds nothing but a store, so its calls may interleave: a stateless worker alone takes one call at a time per
// activation (one activation per core), and each call waits on the database.
[StatelessWorker]
[Reentrant]
internal sealed class StoreProbeGrain(ITaskStore store) : Grain, IStoreProbeGrain
{
    public Task ProbeAsync() => store.PingAsync();
}
