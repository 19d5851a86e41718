namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Progress reported from any thread and applied on a grain's scheduler, where the grain's state may be touched.
/// Reports are queued in order; none waits for the grain.
/// </summary>
internal sealed class GrainProgress<T>(TaskScheduler scheduler, Action<T> apply) : IProgress<T>
{
    public void Report(T value) =>
        _ = Task.Factory.StartNew(() => apply(value), CancellationToken.None, TaskCreationOptions.None, scheduler);
}
