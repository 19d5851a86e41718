using System.Collections.Concurrent;
using System.Data.Common;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// What every <see cref="ITaskLedger"/> must do, whatever the database. Each dialect runs these
/// facts through a derived class; each fact starts from an empty ledger.
/// </summary>
public abstract class TaskLedgerContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly List<ITaskLedger> _ledgers = [];

    protected ManualClock Clock { get; } = new();

    protected abstract StoreLocation Store { get; }

    protected abstract Task<DbConnection> OpenAsync();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(Store);
        await using var connection = await OpenAsync();
        await using var empty = connection.CreateCommand();
        empty.CommandText = "DELETE FROM hive_task_ledger";
        await empty.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var ledger in _ledgers.OfType<IAsyncDisposable>())
        {
            await ledger.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rescheduling_a_task_moves_its_single_entry()
    {
        var ledger = NewLedger();
        var task = Guid.NewGuid();

        await ledger.ScheduleAsync(new TaskLedgerEntry(task, Clock.GetUtcNow().AddMinutes(-1)));
        await ledger.ScheduleAsync(new TaskLedgerEntry(task, Clock.GetUtcNow().AddHours(1)));

        Assert.Equal(1, await ledger.CountAsync());
        Assert.Empty(await ledger.ClaimDueAsync(10, Lease));

        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal([task], await ledger.ClaimDueAsync(10, Lease));
    }

    [Fact]
    public async Task A_project_s_entries_for_one_reason_are_listed_soonest_first()
    {
        var ledger = NewLedger();
        var later = Guid.NewGuid();
        var sooner = Guid.NewGuid();
        await ledger.ScheduleAsync(new TaskLedgerEntry(later, Clock.GetUtcNow().AddMinutes(10), 7, TaskLedgerReason.Callback));
        await ledger.ScheduleAsync(new TaskLedgerEntry(sooner, Clock.GetUtcNow().AddMinutes(1), 7, TaskLedgerReason.Callback));
        await ledger.ScheduleAsync(new TaskLedgerEntry(Guid.NewGuid(), Clock.GetUtcNow(), 7, TaskLedgerReason.Work));
        await ledger.ScheduleAsync(new TaskLedgerEntry(Guid.NewGuid(), Clock.GetUtcNow(), 8, TaskLedgerReason.Callback));

        var listed = await ledger.ListAsync(7, TaskLedgerReason.Callback, 10);

        Assert.Equal([sooner, later], listed.Select(e => e.TaskId));
        Assert.All(listed, e => Assert.Equal(7, e.ProjectId));
        Assert.Equal(Clock.GetUtcNow().AddMinutes(1).ToUnixTimeMilliseconds(), listed[0].DueAt.ToUnixTimeMilliseconds());
        Assert.Single(await ledger.ListAsync(7, TaskLedgerReason.Callback, 1));
    }

    [Fact]
    public async Task Only_tasks_that_are_due_are_claimed()
    {
        var ledger = NewLedger();
        var overdue = Guid.NewGuid();
        var dueNow = Guid.NewGuid();
        var later = Guid.NewGuid();
        await ledger.ScheduleAsync(new TaskLedgerEntry(overdue, Clock.GetUtcNow().AddSeconds(-5)));
        await ledger.ScheduleAsync(new TaskLedgerEntry(dueNow, Clock.GetUtcNow()));
        await ledger.ScheduleAsync(new TaskLedgerEntry(later, Clock.GetUtcNow().AddSeconds(1)));

        var claimed = await ledger.ClaimDueAsync(10, Lease);

        Assert.Equal(new[] { overdue, dueNow }.Order(), claimed.Order());
        Assert.Equal(3, await ledger.CountAsync());
    }

    [Fact]
    public async Task A_claim_takes_at_most_max_tasks_and_the_longest_overdue_first()
    {
        var ledger = NewLedger();
        var byAge = Enumerable.Range(1, 5).Select(_ => Guid.NewGuid()).ToList();
        for (var minutesLate = 0; minutesLate < byAge.Count; minutesLate++)
        {
            await ledger.ScheduleAsync(new TaskLedgerEntry(byAge[minutesLate], Clock.GetUtcNow().AddMinutes(-minutesLate)));
        }

        var claimed = await ledger.ClaimDueAsync(2, Lease);

        Assert.Equal(new[] { byAge[4], byAge[3] }.Order(), claimed.Order());
    }

    [Fact]
    public async Task A_claimed_task_stays_hidden_until_its_lease_runs_out()
    {
        var ledger = NewLedger();
        var task = Guid.NewGuid();
        await ledger.ScheduleAsync(new TaskLedgerEntry(task, Clock.GetUtcNow()));

        Assert.Equal([task], await ledger.ClaimDueAsync(10, Lease));
        Assert.Empty(await ledger.ClaimDueAsync(10, Lease));

        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await ledger.ClaimDueAsync(10, Lease));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([task], await ledger.ClaimDueAsync(10, Lease));
    }

    [Fact]
    public async Task A_removed_task_is_never_claimed_and_removing_again_is_harmless()
    {
        var ledger = NewLedger();
        var task = Guid.NewGuid();
        await ledger.ScheduleAsync(new TaskLedgerEntry(task, Clock.GetUtcNow()));

        await ledger.RemoveAsync(task);
        await ledger.RemoveAsync(task);
        await ledger.RemoveAsync(Guid.NewGuid());

        Assert.Equal(0, await ledger.CountAsync());
        Assert.Empty(await ledger.ClaimDueAsync(10, Lease));
    }

    [Fact]
    public async Task A_scheduled_task_is_visible_to_a_ledger_opened_afterwards()
    {
        var task = Guid.NewGuid();
        await NewLedger().ScheduleAsync(new TaskLedgerEntry(task, Clock.GetUtcNow()));

        var reopened = NewLedger();

        Assert.Equal(1, await reopened.CountAsync());
        Assert.Equal([task], await reopened.ClaimDueAsync(10, Lease));
    }

    [Fact]
    public async Task Concurrent_sweepers_never_claim_the_same_task()
    {
        const int Tasks = 300;
        const int Sweepers = 6;
        var scheduler = NewLedger();
        for (var i = 0; i < Tasks; i++)
        {
            await scheduler.ScheduleAsync(new TaskLedgerEntry(Guid.NewGuid(), Clock.GetUtcNow().AddSeconds(-i)));
        }

        // Separate ledger instances stand for separate silos: each has its own connections.
        var sweepers = Enumerable.Range(0, Sweepers).Select(_ => NewLedger()).ToList();
        var claims = new ConcurrentBag<Guid>();
        using var start = new ManualResetEventSlim();
        var sweeps = sweepers.Select(sweeper => Task.Run(async () =>
        {
            start.Wait();
            while (await sweeper.ClaimDueAsync(7, TimeSpan.FromHours(1)) is { Count: > 0 } batch)
            {
                foreach (var id in batch)
                {
                    claims.Add(id);
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(sweeps);

        Assert.Equal(Tasks, claims.Count);
        Assert.Equal(Tasks, claims.Distinct().Count());
    }

    [Fact]
    public async Task A_ping_answers_once_the_schema_is_in_place()
    {
        await NewLedger().PingAsync();
    }

    private ITaskLedger NewLedger()
    {
        var ledger = TaskLedgerFactory.Create(Store, Clock);
        _ledgers.Add(ledger);
        return ledger;
    }
}
