namespace HiveOrleans.Tests.Infrastructure;

/// <summary>Waits for a condition that something else makes true, with a deadline that proves no hang, not a speed.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, string failure)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(100);
        }
    }
}
