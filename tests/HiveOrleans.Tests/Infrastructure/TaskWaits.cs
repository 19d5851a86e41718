using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>Waiting on a task through its grain, across the loss of the silo it was on.</summary>
public static class TaskWaits
{
    /// <summary>Asks the task until it is finished, failing the test after <paramref name="deadline"/>.</summary>
    public static async Task<TaskSnapshot> UntilFinishedAsync(IGrainFactory grains, Guid taskId, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                var task = await grains.GetGrain<ITaskGrain>(taskId).WaitForCompletionAsync(TimeSpan.FromSeconds(1)).WaitAsync(TimeSpan.FromSeconds(5));
                if (task?.IsFinished == true)
                {
                    return task;
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // The grain's silo was just lost; calls fail until membership says so.
            }

            Assert.True(DateTime.UtcNow < until, $"task {taskId} did not finish within {deadline}");
        }
    }
}
