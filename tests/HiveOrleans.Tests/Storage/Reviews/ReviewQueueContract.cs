using System.Collections.Concurrent;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Reviews;

/// <summary>
/// What every <see cref="IReviewQueueStore"/> must do with the task store beside it, whatever the database. Each
/// dialect runs these facts through a derived class; each fact starts from an empty task table.
/// </summary>
public abstract class ReviewQueueContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private ITaskStore _tasks = null!;
    private IReviewQueueStore _queues = null!;

    protected ManualClock Clock { get; } = new();

    protected abstract StoreLocation Store { get; }

    /// <summary>Empties the task table.</summary>
    protected abstract Task EmptyAsync();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(Store);
        await EmptyAsync();
        _tasks = TaskStoreFactory.Create(Store, Clock);
        _queues = ReviewQueueStoreFactory.Create(Store, Clock);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncDisposable)_tasks).DisposeAsync();
        if (_queues is IAsyncDisposable queues)
        {
            await queues.DisposeAsync();
        }
    }

    [Fact]
    public async Task Claims_take_the_oldest_task_first_and_never_the_same_task_twice()
    {
        var first = await QueueAsync(1, "main", ageMinutes: 30);
        var second = await QueueAsync(1, "main", ageMinutes: 20);
        var third = await QueueAsync(1, "main", ageMinutes: 10);

        var claims = new[]
        {
            await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease),
            await _queues.ClaimAsync(1, "main", reviewerId: 2, Lease),
            await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease),
        };

        Assert.Equal([first, second, third], claims.Select(c => c!.TaskId));
        Assert.Equal(Clock.GetUtcNow() + Lease, claims[0]!.LeaseUntil);
        Assert.Equal(3, claims.Select(c => c!.Lease).Distinct().Count());
        Assert.Null(await _queues.ClaimAsync(1, "main", reviewerId: 3, Lease));
    }

    [Fact]
    public async Task A_queue_is_one_project_s_and_one_name_s()
    {
        var escalated = await QueueAsync(1, "escalated", ageMinutes: 5);
        var otherProject = await QueueAsync(2, "main", ageMinutes: 50);

        Assert.Null(await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease));
        Assert.Equal(escalated, (await _queues.ClaimAsync(1, "escalated", reviewerId: 1, Lease))!.TaskId);
        Assert.Equal(otherProject, (await _queues.ClaimAsync(2, "main", reviewerId: 1, Lease))!.TaskId);
    }

    [Fact]
    public async Task Many_reviewers_claiming_at_once_each_get_a_different_task()
    {
        const int tasks = 60;
        for (var i = 0; i < tasks; i++)
        {
            await QueueAsync(1, "main", ageMinutes: i);
        }

        var claimed = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 12), async (reviewer, _) =>
        {
            while (await _queues.ClaimAsync(1, "main", reviewer, Lease) is { } claim)
            {
                claimed.Add(claim.TaskId);
            }
        });

        Assert.Equal(tasks, claimed.Count);
        Assert.Equal(tasks, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Claims_sent_together_on_several_queues_each_take_their_own_queue_s_oldest_tasks()
    {
        // Sent without waiting, so a store that groups claims gets several queues, and more claims than tasks, in one go.
        var oldest = new Dictionary<long, Guid[]>();
        foreach (var project in new long[] { 1, 2, 3 })
        {
            var queued = new List<Guid>();
            for (var i = 0; i < 6; i++)
            {
                queued.Add(await QueueAsync(project, "main", ageMinutes: 60 - i));
            }

            oldest[project] = [.. queued.Take(4)];
        }

        var lapsed = (await _queues.ClaimAsync(3, "main", reviewerId: 9, Lease))!;
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var projects = new[] { 1L, 2, 3, 4 }.SelectMany(project => Enumerable.Repeat(project, 4)).ToList();
        var results = await Task.WhenAll(projects.Select((project, i) => _queues.ClaimAsync(project, "main", reviewerId: i, Lease)));
        var asked = projects.Zip(results, (project, claim) => (Project: project, Claim: claim)).ToList();

        foreach (var project in new long[] { 1, 2, 3 })
        {
            var claims = asked.Where(a => a.Project == project).Select(a => a.Claim!).ToList();
            Assert.Equal(oldest[project].Order(), claims.Select(c => c.TaskId).Order());
            Assert.Equal(4, claims.Select(c => c.Lease).Distinct().Count());
        }

        Assert.All(asked.Where(a => a.Project == 4), a => Assert.Null(a.Claim));
        var retaken = asked.Single(a => a.Claim?.TaskId == lapsed.TaskId).Claim!;
        Assert.Equal(new ExpiredLease(lapsed.Lease, 9, lapsed.LeaseUntil), retaken.Expired);
        Assert.Equal(retaken.Lease, (await _queues.ReadAsync(lapsed.TaskId))!.Lease);
    }

    [Fact]
    public async Task A_lease_that_runs_out_puts_the_task_back_at_the_front()
    {
        var oldest = await QueueAsync(1, "main", ageMinutes: 30);
        await QueueAsync(1, "main", ageMinutes: 20);
        var lapsed = (await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease))!;

        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var again = (await _queues.ClaimAsync(1, "main", reviewerId: 2, Lease))!;

        Assert.Equal(oldest, again.TaskId);
        Assert.Null(lapsed.Expired);
        Assert.Equal(new ExpiredLease(lapsed.Lease, 1, lapsed.LeaseUntil), again.Expired);
        Assert.Null(await _queues.RenewAsync(oldest, lapsed.Lease, Lease));
        Assert.False(await _queues.ReleaseAsync(oldest, lapsed.Lease));
        Assert.Equal(2L, (await _queues.ReadAsync(oldest))!.Holder);
    }

    [Fact]
    public async Task A_released_task_is_claimable_at_once_and_only_its_holder_can_release_or_renew_it()
    {
        var task = await QueueAsync(1, "main", ageMinutes: 1);
        var claim = (await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease))!;

        Assert.False(await _queues.ReleaseAsync(task, Guid.NewGuid()));
        Assert.Null(await _queues.RenewAsync(task, Guid.NewGuid(), Lease));
        Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(Clock.GetUtcNow() + Lease, await _queues.RenewAsync(task, claim.Lease, Lease));
        Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(await _queues.ClaimAsync(1, "main", reviewerId: 2, Lease));

        Assert.True(await _queues.ReleaseAsync(task, claim.Lease));
        var again = (await _queues.ClaimAsync(1, "main", reviewerId: 2, Lease))!;
        Assert.Equal(task, again.TaskId);
        Assert.Null(again.Expired); // released, not run out: nothing expired
    }

    [Fact]
    public async Task A_decision_is_written_only_while_its_lease_holds_and_takes_the_task_out_of_the_queue()
    {
        var task = await QueueAsync(1, "main", ageMinutes: 1);
        var claim = (await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease))!;

        await Assert.ThrowsAsync<TaskWriteConflictException>(() => _tasks.WriteAsync(Decision(task, version: 1, Guid.NewGuid())));
        Clock.Advance(Lease);
        await Assert.ThrowsAsync<TaskWriteConflictException>(() => _tasks.WriteAsync(Decision(task, version: 1, claim.Lease)));

        var renewed = (await _queues.ClaimAsync(1, "main", reviewerId: 2, Lease))!;
        await _tasks.WriteAsync(Decision(task, version: 1, renewed.Lease));

        Assert.Null(await _queues.ReadAsync(task));
        Assert.Equal([9], (await _tasks.ReadAsync(task))!.State);
        Assert.Null(await _queues.ClaimAsync(1, "main", reviewerId: 3, Lease));
    }

    [Fact]
    public async Task A_write_that_keeps_the_task_in_its_queue_keeps_the_lease_and_a_move_to_another_queue_ends_it()
    {
        var task = await QueueAsync(1, "main", ageMinutes: 1);
        var since = (await _queues.ReadAsync(task))!.Since;
        var claim = (await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease))!;

        await _tasks.WriteAsync(new TaskWrite(task, 1, 1, null, TaskLedgerReason.Work, [2]) { Review = new ReviewPlacement("main", since) });
        var kept = (await _queues.ReadAsync(task))!;
        Assert.Equal(claim.Lease, kept.Lease);
        Assert.True(kept.IsLeasedAt(Clock.GetUtcNow()));

        await _tasks.WriteAsync(new TaskWrite(task, 1, 2, null, TaskLedgerReason.Work, [3]) { Review = new ReviewPlacement("escalated", since), RequiredLease = claim.Lease });
        var moved = (await _queues.ReadAsync(task))!;
        Assert.Equal("escalated", moved.Queue);
        Assert.Null(moved.Lease);
        Assert.Equal(task, (await _queues.ClaimAsync(1, "escalated", reviewerId: 2, Lease))!.TaskId);
    }

    [Fact]
    public async Task Depths_count_each_queue_s_waiting_and_leased_tasks_and_its_oldest()
    {
        await QueueAsync(1, "main", ageMinutes: 30);
        await QueueAsync(1, "main", ageMinutes: 10);
        await QueueAsync(1, "escalated", ageMinutes: 5);
        await QueueAsync(2, "main", ageMinutes: 1);
        await QueueAsync(3, "main", ageMinutes: 1);
        await _queues.ClaimAsync(1, "main", reviewerId: 1, Lease);

        var depths = await _queues.DepthsAsync([1, 2]);

        Assert.Equal(
            [(1L, "escalated", 1L, 0L, 5), (1L, "main", 2L, 1L, 30), (2L, "main", 1L, 0L, 1)],
            depths.Select(d => (d.ProjectId, d.Queue, d.Pending, d.Leased, (int)(Clock.GetUtcNow() - d.OldestSince).TotalMinutes)));
        Assert.Empty(await _queues.DepthsAsync([]));
    }

    [Fact]
    public async Task All_depths_count_every_project_s_non_empty_queues()
    {
        Assert.Empty(await _queues.AllDepthsAsync());
        await QueueAsync(1, "main", ageMinutes: 30);
        await QueueAsync(1, "escalated", ageMinutes: 5);
        await QueueAsync(3, "main", ageMinutes: 1);
        await _tasks.WriteAsync(new TaskWrite(Guid.NewGuid(), 4, null, null, TaskLedgerReason.Work, [1])); // in no queue
        await _queues.ClaimAsync(3, "main", reviewerId: 1, Lease);

        Assert.Equal(
            [(1L, "escalated", 1L, 0L, 5), (1L, "main", 1L, 0L, 30), (3L, "main", 1L, 1L, 1)],
            (await _queues.AllDepthsAsync()).Select(d => (d.ProjectId, d.Queue, d.Pending, d.Leased, (int)(Clock.GetUtcNow() - d.OldestSince).TotalMinutes)));
    }

    [Fact]
    public async Task A_reviewer_s_leases_can_be_ended_at_once()
    {
        var first = await QueueAsync(1, "main", ageMinutes: 3);
        var second = await QueueAsync(1, "main", ageMinutes: 2);
        await QueueAsync(1, "main", ageMinutes: 1);
        var firstClaim = (await _queues.ClaimAsync(1, "main", reviewerId: 7, Lease))!;
        var secondClaim = (await _queues.ClaimAsync(1, "main", reviewerId: 7, Lease))!;
        await _queues.ClaimAsync(1, "main", reviewerId: 8, Lease);

        var released = await _queues.ReleaseHeldByAsync(7);

        Assert.Equal(
            [new ReleasedLease(first, 1, "main", firstClaim.Lease, firstClaim.LeaseUntil), new ReleasedLease(second, 1, "main", secondClaim.Lease, secondClaim.LeaseUntil)],
            released.OrderBy(r => r.TaskId == first ? 0 : 1));
        Assert.Empty(await _queues.ReleaseHeldByAsync(7));
        Assert.Equal(first, (await _queues.ClaimAsync(1, "main", reviewerId: 9, Lease))!.TaskId);
        Assert.Equal(second, (await _queues.ClaimAsync(1, "main", reviewerId: 9, Lease))!.TaskId);
    }

    /// <summary>Stores a new task that has waited in <paramref name="queue"/> for <paramref name="ageMinutes"/>.</summary>
    private async Task<Guid> QueueAsync(long projectId, string queue, int ageMinutes)
    {
        var task = Guid.NewGuid();
        var since = Clock.GetUtcNow() - TimeSpan.FromMinutes(ageMinutes);
        await _tasks.WriteAsync(new TaskWrite(task, projectId, null, null, TaskLedgerReason.Work, [1]) { Review = new ReviewPlacement(queue, since) });
        return task;
    }

    private static TaskWrite Decision(Guid task, int version, Guid lease) =>
        new(task, 1, version, null, TaskLedgerReason.Work, [9]) { RequiredLease = lease };
}
