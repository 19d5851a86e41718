using HiveOrleans.Grains.Review;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Storage.Tasks;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Review;

/// <summary>The queue counts reviewers are shown, shared on a silo: reused up to their maximum age, one count at a time per project.</summary>
public sealed class ReviewQueueCountsTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteFile _database = new();
    private readonly ManualClock _clock = new();
    private ITaskStore _tasks = null!;
    private CountedStore _queues = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(_database.Store);
        _tasks = TaskStoreFactory.Create(_database.Store, _clock);
        _queues = new CountedStore(ReviewQueueStoreFactory.Create(_database.Store, _clock));
    }

    public async Task DisposeAsync() => await ((IAsyncDisposable)_tasks).DisposeAsync();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_count_is_reused_until_it_is_older_than_the_maximum_age_and_each_project_has_its_own()
    {
        var counts = NewCounts(TimeSpan.FromSeconds(2));
        await QueueAsync(1);
        await QueueAsync(1);
        Assert.Equal(2, Pending(await counts.DepthsAsync([1])));

        await QueueAsync(1);
        await QueueAsync(2);
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(2, Pending(await counts.DepthsAsync([1])));
        Assert.Equal(1, Pending(await counts.DepthsAsync([2])));
        Assert.Equal(2, _queues.Counted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var both = await counts.DepthsAsync([1, 2]);
        Assert.Equal([(1L, 3L), (2L, 1L)], both.Select(d => (d.ProjectId, d.Pending)).Order());
    }

    [Fact]
    public async Task With_no_maximum_age_every_request_counts_again()
    {
        var counts = NewCounts(TimeSpan.Zero);
        await QueueAsync(1);
        Assert.Equal(1, Pending(await counts.DepthsAsync([1])));
        await QueueAsync(1);
        Assert.Equal(2, Pending(await counts.DepthsAsync([1])));
        Assert.Equal(2, _queues.Counted);
    }

    [Fact]
    public async Task Requests_while_a_count_is_under_way_share_it_even_with_no_maximum_age()
    {
        var counts = NewCounts(TimeSpan.Zero);
        await QueueAsync(1);
        _queues.Hold();
        var waiting = Enumerable.Range(0, 50).Select(_ => counts.DepthsAsync([1])).ToArray();
        _queues.Go();

        Assert.All(await Task.WhenAll(waiting), depths => Assert.Equal(1, Pending(depths)));
        Assert.Equal(1, _queues.Counted);
    }

    [Fact]
    public async Task A_failed_count_is_not_kept()
    {
        var counts = NewCounts(TimeSpan.FromMinutes(1));
        await QueueAsync(1);
        _queues.FailNext();
        await Assert.ThrowsAsync<InvalidOperationException>(() => counts.DepthsAsync([1]));

        Assert.Equal(1, Pending(await counts.DepthsAsync([1])));
    }

    private ReviewQueueCounts NewCounts(TimeSpan maxAge) =>
        new(_queues, Options.Create(new ReviewOptions { QueueCountsMaxAge = maxAge }), _clock);

    private static long Pending(IReadOnlyList<ReviewQueueDepth> depths) => Assert.Single(depths).Pending;

    private async Task QueueAsync(long projectId) =>
        await _tasks.WriteAsync(new TaskWrite(Guid.NewGuid(), projectId, null, null, TaskLedgerReason.Work, [1])
        {
            Review = new ReviewPlacement("main", _clock.GetUtcNow()),
        });

    /// <summary>The real store, counting its counts; it can hold them back until told, or fail one.</summary>
    private sealed class CountedStore(IReviewQueueStore inner) : IReviewQueueStore
    {
        private TaskCompletionSource _gate = CompletedGate();
        private bool _failNext;
        private int _counted;

        public int Counted => Volatile.Read(ref _counted);

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Go() => _gate.SetResult();

        public void FailNext() => _failNext = true;

        public async Task<IReadOnlyList<ReviewQueueDepth>> DepthsAsync(IReadOnlyCollection<long> projectIds, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _counted);
            await _gate.Task;
            if (_failNext)
            {
                _failNext = false;
                throw new InvalidOperationException("The count failed.");
            }

            return await inner.DepthsAsync(projectIds, cancellationToken);
        }

        public Task<IReadOnlyList<ReviewQueueDepth>> AllDepthsAsync(CancellationToken cancellationToken = default) => inner.AllDepthsAsync(cancellationToken);

        public Task<ReviewClaim?> ClaimAsync(long projectId, string queue, long reviewerId, TimeSpan lease, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(projectId, queue, reviewerId, lease, cancellationToken);

        public Task<DateTimeOffset?> RenewAsync(Guid taskId, Guid leaseToken, TimeSpan lease, CancellationToken cancellationToken = default) =>
            inner.RenewAsync(taskId, leaseToken, lease, cancellationToken);

        public Task<bool> ReleaseAsync(Guid taskId, Guid leaseToken, CancellationToken cancellationToken = default) =>
            inner.ReleaseAsync(taskId, leaseToken, cancellationToken);

        public Task<IReadOnlyList<ReleasedLease>> ReleaseHeldByAsync(long reviewerId, CancellationToken cancellationToken = default) =>
            inner.ReleaseHeldByAsync(reviewerId, cancellationToken);

        public Task<ReviewStanding?> ReadAsync(Guid taskId, CancellationToken cancellationToken = default) => inner.ReadAsync(taskId, cancellationToken);

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }
}
