using HiveOrleans.Abstractions.Health;
using HiveOrleans.Storage;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Health;

[StatelessWorker]
internal sealed class StoreProbeGrain(ITaskLedger ledger) : Grain, IStoreProbeGrain
{
    public Task ProbeAsync() => ledger.PingAsync();
}
