using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Projects;

/// <remarks>
/// The grain is found by the key's hash, so looking a key up never compares secrets: an attacker's timing learns
/// nothing beyond whether a SHA-256 preimage exists, which is why no constant-time comparison is needed here.
/// </remarks>
internal sealed class ApiKeyGrain(
    [PersistentState(StorageNames.ApiKey, StorageNames.Provider)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task RegisterAsync(long projectId)
    {
        if (state.State.ProjectId is { } existing && existing != projectId)
        {
            // 256-bit keys do not collide; this would be a bug, and silently moving a key between projects would leak data.
            throw new InvalidOperationException("This API key already belongs to another project.");
        }

        state.State = new ApiKeyState { ProjectId = projectId };
        await state.WriteStateAsync();
    }

    public Task<long?> ResolveAsync()
    {
        if (state.State.ProjectId is null)
        {
            // A guessed key: nothing to keep in memory, so a flood of distinct guesses leaves no activations behind.
            DeactivateOnIdle();
        }

        return Task.FromResult(state.State.Revoked ? null : state.State.ProjectId);
    }

    public async Task RevokeAsync()
    {
        if (!state.State.Revoked)
        {
            state.State.Revoked = true;
            await state.WriteStateAsync();
        }
    }
}
