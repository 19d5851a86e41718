using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Reviews;

namespace HiveOrleans.Tests.Storage.Reviews;

/// <summary>What every <see cref="IReviewAuditLog"/> must do, whatever the database; each fact starts from an empty log.</summary>
public abstract class ReviewAuditLogContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private IReviewAuditLog _log = null!;

    protected abstract StoreLocation Store { get; }

    /// <summary>Empties the audit table.</summary>
    protected abstract Task EmptyAsync();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(Store);
        await EmptyAsync();
        _log = ReviewQueueStoreFactory.CreateAuditLog(Store);
    }

    public async Task DisposeAsync() => await ((IAsyncDisposable)_log).DisposeAsync();

    [Fact]
    public async Task Entries_read_back_whole_in_the_order_they_were_appended()
    {
        var task = Guid.NewGuid();
        var lease = Guid.NewGuid();
        var claim = new ReviewAuditEntry(Start, ReviewAuditActions.Claim, 3, task, "main", 11, lease, null);
        var decide = new ReviewAuditEntry(Start.AddMinutes(2), ReviewAuditActions.Decide, 3, task, "main", 11, lease, """{"decision":"reject","labels":["violence"],"reason":"a threat"}""");
        var timeout = new ReviewAuditEntry(Start.AddMinutes(3), ReviewAuditActions.TimeOut, 3, task, "escalated", null, null, null);

        foreach (var entry in new[] { claim, decide, timeout })
        {
            await _log.AppendAsync(entry);
        }

        var read = await _log.ReadAsync(new ReviewAuditFilter(TaskId: task), afterSeq: 0, limit: 10);
        Assert.Equal([claim, decide, timeout], read.Select(r => r.Entry));
        Assert.True(read[0].Seq < read[1].Seq && read[1].Seq < read[2].Seq);
    }

    [Fact]
    public async Task The_log_is_read_by_task_reviewer_or_project_from_a_time_and_paged_by_seq()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await _log.AppendAsync(Entry(first, project: 1, reviewer: 5, minutes: 0));
        await _log.AppendAsync(Entry(second, project: 1, reviewer: 6, minutes: 1));
        await _log.AppendAsync(Entry(first, project: 1, reviewer: 6, minutes: 2));
        await _log.AppendAsync(Entry(Guid.NewGuid(), project: 2, reviewer: 5, minutes: 3));

        Assert.Equal(2, (await _log.ReadAsync(new ReviewAuditFilter(TaskId: first), 0, 10)).Count);
        Assert.Equal([1L, 1L], (await _log.ReadAsync(new ReviewAuditFilter(ReviewerId: 6), 0, 10)).Select(r => r.Entry.ProjectId));
        Assert.Equal(3, (await _log.ReadAsync(new ReviewAuditFilter(ProjectId: 1), 0, 10)).Count);
        Assert.Equal([1, 2], (await _log.ReadAsync(new ReviewAuditFilter(ProjectId: 1, Since: Start.AddMinutes(1)), 0, 10)).Select(r => (int)(r.Entry.At - Start).TotalMinutes));

        var page = await _log.ReadAsync(new ReviewAuditFilter(ProjectId: 1), 0, 2);
        var next = await _log.ReadAsync(new ReviewAuditFilter(ProjectId: 1), page[^1].Seq, 2);
        Assert.Equal([0, 1, 2], page.Concat(next).Select(r => (int)(r.Entry.At - Start).TotalMinutes));
    }

    [Fact]
    public async Task Appends_made_at_once_are_all_kept_each_in_its_own_place()
    {
        var task = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => _log.AppendAsync(Entry(task, project: 4, reviewer: i, minutes: 0))));

        var all = new List<ReviewAuditRecord>();
        for (var after = 0L; ; after = all[^1].Seq)
        {
            var page = await _log.ReadAsync(new ReviewAuditFilter(TaskId: task), after, 1_000);
            if (page.Count == 0)
            {
                break;
            }

            all.AddRange(page);
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long?)i), all.Select(r => r.Entry.ReviewerId).Order());
        Assert.Equal(300, all.Select(r => r.Seq).Distinct().Count());
    }

    [Fact]
    public async Task The_whole_log_is_never_read_at_once()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _log.ReadAsync(new ReviewAuditFilter(Since: Start), 0, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _log.ReadAsync(new ReviewAuditFilter(ProjectId: 1), 0, 1_001));
    }

    private static ReviewAuditEntry Entry(Guid task, long project, long reviewer, int minutes) =>
        new(Start.AddMinutes(minutes), ReviewAuditActions.Claim, project, task, "main", reviewer, Guid.NewGuid(), null);
}
