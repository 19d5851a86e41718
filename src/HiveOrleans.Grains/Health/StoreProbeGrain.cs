using HiveOrleans.Abstractions.Health;
using HiveOrleans.Storage.Tasks;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Health;

[StatelessWorker]
internal sealed class StoreProbeGrain(ITaskStore store) : Grain, IStoreProbeGrain
{
    public Task ProbeAsync() => store.PingAsync();
}
