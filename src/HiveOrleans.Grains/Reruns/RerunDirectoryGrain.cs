using HiveOrleans.Abstractions.Reruns;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Reruns;

/// <summary>The running reruns' ids (<see cref="IRerunDirectoryGrain"/>), so any silo can carry on one whose silo went.</summary>
internal sealed class RerunDirectoryGrain(
    [PersistentState(StorageNames.RerunDirectory, StorageNames.Provider)] IPersistentState<RerunDirectoryState> state) : Grain, IRerunDirectoryGrain
{
    public async Task AddAsync(Guid rerunId)
    {
        if (state.State.Running.Add(rerunId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(Guid rerunId)
    {
        if (state.State.Running.Remove(rerunId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<Guid>> ListRunningAsync() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Running]);
}

/// <summary>The state of <see cref="RerunDirectoryGrain"/>.</summary>
[GenerateSerializer, Alias("HiveOrleans.RerunDirectoryState")]
public sealed class RerunDirectoryState
{
    /// <summary>The reruns still running.</summary>
    [Id(0)] public HashSet<Guid> Running { get; set; } = [];
}
