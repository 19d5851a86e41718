using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>Waiting on a task through its grain, across the loss of the silo it was on.</summary>
public static class TaskWaits
{
    /// <summary>Asks the task until it is finished, failing the test after <paramref name="deadline"/>.</summary>
    public static async Task<TaskSnapshot> UntilFinishedAsync(IGrainFactory grains, Guid taskId, TimeSpan deadline)
    {
        // Each ask waits up to a second for the task itself, so there is no pause between asks.
        var finished = await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    return await grains.GetGrain<ITaskGrain>(taskId).WaitForCompletionAsync(TimeSpan.FromSeconds(1)).WaitAsync(TimeSpan.FromSeconds(5));
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    // The grain's silo was just lost; calls fail until membership says so.
                    return null;
                }
            },
            task => task?.IsFinished == true,
            deadline,
            $"task {taskId} to finish",
            interval: TimeSpan.Zero);
        return finished!;
    }
}
