namespace HiveOrleans.Abstractions.Tasks;

/// <summary>
/// Follows a task's status changes. Grains implement it to watch tasks from inside the cluster; the gateway's
/// Server-Sent Events endpoint implements it for browsers. Events arrive in order, one at a time.
/// </summary>
[Alias("HiveOrleans.ITaskObserver")]
public interface ITaskObserver : IGrainObserver
{
    /// <summary>The task changed status.</summary>
    [Alias("OnTaskEvent")]
    Task OnTaskEventAsync(TaskEvent taskEvent);
}
