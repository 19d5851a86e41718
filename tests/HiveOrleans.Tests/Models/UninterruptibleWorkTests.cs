using HiveOrleans.Grains.Models;

namespace HiveOrleans.Tests.Models;

public sealed class UninterruptibleWorkTests
{
    [Fact]
    public async Task Work_past_its_deadline_times_out_only_once_it_has_really_ended()
    {
        using var release = new ManualResetEventSlim();
        var running = UninterruptibleWork.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)), TimeSpan.FromMilliseconds(50), CancellationToken.None);

        // Long past the deadline, the caller is still held: its model slot must not be handed to another decode.
        await Task.Delay(500);
        Assert.False(running.IsCompleted);

        release.Set();
        await Assert.ThrowsAsync<TimeoutException>(() => running);
    }

    [Fact]
    public async Task Work_within_its_deadline_gives_its_result_and_its_own_errors()
    {
        Assert.Equal(42, await UninterruptibleWork.RunAsync(() => 42, TimeSpan.FromMinutes(1), CancellationToken.None));
        await Assert.ThrowsAsync<FormatException>(() => UninterruptibleWork.RunAsync<int>(() => throw new FormatException(), TimeSpan.FromMinutes(1), CancellationToken.None));
    }
}
