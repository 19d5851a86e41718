using Orleans;
using Orleans.Runtime;

namespace HiveOrleans.Tests.Storage;

internal sealed class StorageProbeGrain(
    [PersistentState("probe", ProbeSilo.KeepingStore)] IPersistentState<ProbeState> kept,
    [PersistentState("probe-deleting", ProbeSilo.DeletingStore)] IPersistentState<ProbeState> deleted)
    : Grain, IStorageProbeGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<ProbeReading> WriteAsync(string text)
    {
        kept.State.Text = text;
        deleted.State.Text = text;
        await kept.WriteStateAsync();
        await deleted.WriteStateAsync();
        return Reading();
    }

    public Task<ProbeReading> ReadAsync() => Task.FromResult(Reading());

    public async Task ClearAsync()
    {
        await kept.ClearStateAsync();
        await deleted.ClearStateAsync();
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private ProbeReading Reading() =>
        new(_activationId, kept.State.Text, kept.RecordExists, deleted.State.Text, deleted.RecordExists);
}
