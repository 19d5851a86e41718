using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Projects;

internal sealed class ProjectDirectoryGrain(
    [PersistentState(StorageNames.ProjectDirectory, StorageNames.Provider)] IPersistentState<ProjectDirectoryState> state)
    : Grain, IProjectDirectoryGrain
{
    public async Task<long> AllocateProjectIdAsync()
    {
        // Written before it is handed out, so a crash can skip an id but never give one out twice.
        state.State.LastProjectId++;
        await state.WriteStateAsync();
        return state.State.LastProjectId;
    }

    public Task<long> GetLastProjectIdAsync() => Task.FromResult(state.State.LastProjectId);
}
