using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Task state that the previous layout wrote through Orleans' grain storage (state name <c>task</c>), before each task
/// got a row of its own. Such a task is read from there the first time it loads and written to its row from then on.
/// Whether any exists is asked of the store once (and again every half minute while none does), so a store that never
/// held the old layout costs a new task nothing.
/// </summary>
internal sealed class LegacyTaskStates(IServiceProvider services, ITaskStore store, IOptions<ClusterOptions> cluster, TimeProvider time)
{
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private Task<bool>? _present;
    private DateTimeOffset _checkedOn;

    /// <summary>Whether a task may have state in the old place (answered from memory almost always).</summary>
    public Task<bool> MayExistAsync()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var stale = _present is null
                || _present.IsFaulted
                || (_present is { IsCompletedSuccessfully: true, Result: false } && now - _checkedOn > RecheckAfter);
            if (stale)
            {
                _checkedOn = now;
                _present = store.HasLegacyStateAsync(cluster.Value.ServiceId, StorageNames.Task);
            }

            return _present!;
        }
    }

    /// <summary>The task's state as the previous layout stored it, or null.</summary>
    public async Task<TaskState?> ReadAsync(GrainId taskGrain)
    {
        if (!await MayExistAsync().ConfigureAwait(false))
        {
            return null;
        }

        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var state = new GrainState<TaskState>(new TaskState());
        await storage.ReadStateAsync(StorageNames.Task, taskGrain, state).ConfigureAwait(false);
        return state is { RecordExists: true, State.Submission: not null } ? state.State : null;
    }
}
