using HiveOrleans.Grains.Callbacks;

namespace HiveOrleans.Tests.Callbacks;

public sealed class DestinationHealthTests
{
    private const string Destination = "http://127.0.0.1:9000";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_destination_is_failing_after_three_failures_in_a_row_and_a_success_ends_it_as_a_recovery()
    {
        var health = new DestinationHealth(Interval);
        Assert.False(health.Record(Destination, succeeded: false));
        Assert.False(health.Record(Destination, succeeded: false));
        Assert.False(health.IsFailing(Destination));
        Assert.False(health.Record(Destination, succeeded: false));
        Assert.True(health.IsFailing(Destination));

        Assert.True(health.Record(Destination, succeeded: true));
        Assert.False(health.IsFailing(Destination));
        Assert.False(health.Record(Destination, succeeded: true));
    }

    [Fact]
    public void A_failing_destination_is_probed_once_an_interval_with_its_last_held_task_even_after_a_failed_probe()
    {
        var health = Failing();

        var held = Guid.NewGuid();
        health.Held(Destination, held);

        Assert.Equal([(Destination, held)], health.TakeProbes(Start));
        Assert.Empty(health.TakeProbes(Start + Interval - TimeSpan.FromSeconds(1)));

        // The probe failed and nothing new was held (every task backed off): the same task probes again.
        health.Record(Destination, succeeded: false);
        Assert.Equal([(Destination, held)], health.TakeProbes(Start + Interval));
    }

    [Fact]
    public void A_probe_that_found_nothing_to_send_is_forgotten_and_the_next_held_task_probes_at_the_next_look()
    {
        var health = Failing();

        var gone = Guid.NewGuid();
        health.Held(Destination, gone);
        Assert.Equal([(Destination, gone)], health.TakeProbes(Start));

        // Another task's probe finding nothing does not drop this candidate.
        health.Forget(Destination, Guid.NewGuid());
        Assert.Equal([(Destination, gone)], health.TakeProbes(Start + Interval));

        // This one's callback was given up meanwhile. The next task held probes at the next look, not an interval after
        // the probe that sent nothing.
        health.Forget(Destination, gone);
        var next = Guid.NewGuid();
        health.Held(Destination, next);
        Assert.Equal([(Destination, next)], health.TakeProbes(Start + Interval + TimeSpan.FromSeconds(1)));

        // With no task held after a forgotten probe, there is nothing to probe, however long it waits.
        health.Forget(Destination, next);
        Assert.Empty(health.TakeProbes(Start + (10 * Interval)));
        Assert.True(health.IsFailing(Destination));
    }

    /// <summary>A health with <see cref="Destination"/> failed often enough in a row to be held.</summary>
    private static DestinationHealth Failing()
    {
        var health = new DestinationHealth(Interval);
        for (var i = 0; i < DestinationHealth.FailuresBeforeHolding; i++)
        {
            health.Record(Destination, succeeded: false);
        }

        return health;
    }
}
