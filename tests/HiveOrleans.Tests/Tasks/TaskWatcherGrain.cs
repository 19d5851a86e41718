using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Tests.Tasks;

/// <summary>A grain that follows another task's lifecycle, as a grain inside the cluster would.</summary>
[Alias("HiveOrleans.Tests.ITaskWatcherGrain")]
public interface ITaskWatcherGrain : IGrainWithGuidKey, ITaskObserver
{
    [Alias("Watch")]
    Task WatchAsync(Guid taskId);

    [Alias("Seen")]
    Task<IReadOnlyList<TaskEvent>> SeenAsync();
}

public sealed class TaskWatcherGrain : Grain, ITaskWatcherGrain
{
    private readonly List<TaskEvent> _seen = [];

    public async Task WatchAsync(Guid taskId)
    {
        if (await GrainFactory.GetGrain<ITaskGrain>(taskId).SubscribeAsync(this.AsReference<ITaskWatcherGrain>()) is { } current)
        {
            _seen.Add(current);
        }
    }

    public Task OnTaskEventAsync(TaskEvent taskEvent)
    {
        _seen.Add(taskEvent);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TaskEvent>> SeenAsync() => Task.FromResult<IReadOnlyList<TaskEvent>>([.. _seen]);
}
