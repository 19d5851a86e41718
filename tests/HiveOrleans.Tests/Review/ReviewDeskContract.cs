using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Tests.Pdq;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using static HiveOrleans.Tests.Review.ReviewDeskFixture;

namespace HiveOrleans.Tests.Review;

/// <summary>
/// The reviewer desk's queues, claims, leases and media (<see cref="IReviewDeskGrain"/>, docs/review.md), through the
/// grain on a real cluster and store; each dialect runs these facts through a derived class.
/// </summary>
public abstract class ReviewDeskContract<TFixture>(TFixture desk) : IClassFixture<TFixture>
    where TFixture : ReviewDeskFixture
{
    [Fact]
    public async Task Queues_list_each_project_s_main_queue_and_the_escalated_ones_only_for_a_senior_empty_ones_included()
    {
        var busy = await desk.ProjectAsync("busy");
        var idle = await desk.ProjectAsync("idle");
        var elsewhere = await desk.ProjectAsync("elsewhere");
        var oldest = await desk.QueuedAsync(busy);
        await desk.QueuedAsync(busy);
        await desk.QueuedAsync(elsewhere);
        await desk.Desk.ClaimAsync(Reviewer(1, busy), busy, ReviewDecisions.MainQueue);
        var since = (await desk.Queues.ReadAsync(oldest))!.Since;

        var reviewer = await desk.Desk.QueuesAsync(Reviewer(1, busy, idle));
        var senior = await desk.Desk.QueuesAsync(Senior(2, busy, idle));

        Assert.Equal(
            [(busy, "busy", "main", 2L, 1L, (DateTimeOffset?)since), (idle, "idle", "main", 0L, 0L, null)],
            reviewer.Select(q => (q.ProjectId, q.ProjectName, q.Queue, q.Pending, q.Leased, q.OldestSince)));
        Assert.Equal(
            [(busy, "main", 2L), (busy, "escalated", 0L), (idle, "main", 0L), (idle, "escalated", 0L)],
            senior.Select(q => (q.ProjectId, q.Queue, q.Pending)));
    }

    [Fact]
    public async Task A_claim_grants_the_oldest_task_with_the_model_s_output_and_labels_and_an_empty_queue_grants_nothing()
    {
        var project = await desk.ProjectAsync("claims");
        var first = await desk.QueuedAsync(project);
        var second = await desk.QueuedAsync(project);
        var reviewer = Reviewer(3, project);

        var grant = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;

        Assert.Equal(first, grant.Task.TaskId);
        Assert.Equal(TaskPhase.AwaitingReview, grant.Task.Phase);
        Assert.NotNull(grant.Task.Output);
        Assert.Equal(["violence", "spam"], grant.Labels);
        Assert.Equal(ReviewDecisions.MainQueue, grant.Queue);
        Assert.InRange(grant.LeaseUntil - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal((await desk.Queues.ReadAsync(first))!.Since, grant.QueuedSince);
        Assert.Equal((grant.Lease, 3L), ((await desk.Queues.ReadAsync(first))!.Lease!.Value, (await desk.Queues.ReadAsync(first))!.Holder!.Value));
        Assert.Equal(second, (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!.Task.TaskId);
        Assert.Null(await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue));

        var entry = Assert.Single(await desk.AuditOfAsync(first)).Entry;
        Assert.Equal((ReviewAuditActions.Claim, project, "main", 3L, grant.Lease), (entry.Action, entry.ProjectId, entry.Queue, entry.ReviewerId!.Value, entry.Lease!.Value));
    }

    [Fact]
    public async Task A_claim_outside_the_reviewer_s_queues_is_not_found_and_an_unknown_queue_is_a_bad_request()
    {
        var mine = await desk.ProjectAsync("mine");
        var theirs = await desk.ProjectAsync("theirs");
        await desk.QueuedAsync(theirs);

        var other = await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.ClaimAsync(Reviewer(4, mine), theirs, ReviewDecisions.MainQueue));
        var escalated = await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.ClaimAsync(Reviewer(4, mine), mine, ReviewDecisions.EscalatedQueue));
        var unknown = await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.ClaimAsync(Reviewer(4, mine), mine, "urgent"));

        Assert.True(other.NotFound);
        Assert.True(escalated.NotFound);
        Assert.False(unknown.NotFound);
        Assert.Contains("'queue' must be 'main' or 'escalated'", unknown.Message, StringComparison.Ordinal);
        Assert.Null(await desk.Desk.ClaimAsync(Senior(5, mine), mine, ReviewDecisions.EscalatedQueue));
        Assert.Equal(0L, (await desk.Queues.DepthsAsync([theirs])).Single().Leased);
    }

    [Fact]
    public async Task Renewals_and_releases_act_only_under_the_reviewer_s_own_lease_and_say_whose_lease_holds_otherwise()
    {
        var project = await desk.ProjectAsync("leases");
        var task = await desk.QueuedAsync(project);
        var holder = Reviewer(6, project);
        var colleague = Reviewer(7, project);
        var grant = (await desk.Desk.ClaimAsync(holder, project, ReviewDecisions.MainQueue))!;

        Assert.Equal(ReviewOutcome.HeldByAnother, (await desk.Desk.RenewAsync(colleague, task, grant.Lease)).Outcome);
        Assert.Equal(ReviewOutcome.HeldByAnother, await desk.Desk.ReleaseAsync(colleague, task, Guid.NewGuid()));
        Assert.Equal(ReviewOutcome.NotInReview, (await desk.Desk.RenewAsync(Reviewer(6, project + 1_000), task, grant.Lease)).Outcome);
        Assert.Equal(ReviewOutcome.NotInReview, await desk.Desk.ReleaseAsync(holder, Guid.NewGuid(), grant.Lease));

        var renewed = await desk.Desk.RenewAsync(holder, task, grant.Lease);
        Assert.Equal(ReviewOutcome.Taken, renewed.Outcome);
        Assert.True(renewed.LeaseUntil >= grant.LeaseUntil);
        Assert.Equal(ReviewOutcome.Taken, await desk.Desk.ReleaseAsync(holder, task, grant.Lease));
        Assert.Equal(ReviewOutcome.LeaseExpired, (await desk.Desk.RenewAsync(holder, task, grant.Lease)).Outcome);
        Assert.Equal(ReviewOutcome.LeaseExpired, await desk.Desk.ReleaseAsync(holder, task, grant.Lease));

        Assert.Equal(task, (await desk.Desk.ClaimAsync(colleague, project, ReviewDecisions.MainQueue))!.Task.TaskId);
        Assert.Equal(ReviewOutcome.HeldByAnother, (await desk.Desk.RenewAsync(holder, task, grant.Lease)).Outcome);
        Assert.Equal(
            [(ReviewAuditActions.Claim, 6L), (ReviewAuditActions.Renew, 6L), (ReviewAuditActions.Release, 6L), (ReviewAuditActions.Claim, 7L)],
            (await desk.AuditOfAsync(task)).Select(r => (r.Entry.Action, r.Entry.ReviewerId!.Value)));
    }

    [Fact]
    public async Task A_lease_that_ran_out_is_logged_as_expired_for_its_holder_before_the_next_claim()
    {
        var project = await desk.ProjectAsync("expiry");
        var task = await desk.QueuedAsync(project);

        // A claim made an hour ago, as a store whose clock runs an hour behind makes it: its lease has run out now.
        var anHourAgo = ReviewQueueStoreFactory.Create(desk.Store, new ManualClock(DateTimeOffset.UtcNow - TimeSpan.FromHours(1)));
        ReviewClaim lapsed;
        try
        {
            lapsed = (await anHourAgo.ClaimAsync(project, ReviewDecisions.MainQueue, reviewerId: 8, TimeSpan.FromMinutes(10)))!;
        }
        finally
        {
            if (anHourAgo is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        Assert.Equal(ReviewOutcome.LeaseExpired, (await desk.Desk.RenewAsync(Reviewer(8, project), task, lapsed.Lease)).Outcome);
        var grant = (await desk.Desk.ClaimAsync(Reviewer(9, project), project, ReviewDecisions.MainQueue))!;

        Assert.Equal(task, grant.Task.TaskId);
        var entries = (await desk.AuditOfAsync(task)).Select(r => r.Entry).ToList();
        Assert.Equal(
            [(ReviewAuditActions.Expire, 8L, lapsed.Lease), (ReviewAuditActions.Claim, 9L, grant.Lease)],
            entries.Select(e => (e.Action, e.ReviewerId!.Value, e.Lease!.Value)));
        Assert.Contains("\"lease_expired_on\"", entries[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_goes_only_to_the_reviewer_holding_the_task_s_lease_now()
    {
        var pictures = await desk.ProjectAsync("pictures");
        var mediaStore = desk.Cluster.Silos[0].ServiceProvider.GetRequiredService<IMediaStore>();
        var png = new MemoryStream(SyntheticImages.Encode(SyntheticImages.Scene(seed: 15), SKEncodedImageFormat.Png));
        var media = await MediaIntake.StoreAsync(mediaStore, png, ModelTypes.Visual, 20_000_000, "scene.png", CancellationToken.None);
        var task = Guid.CreateVersion7();
        await desk.Task(task).SubmitAsync(new TaskSubmission
        {
            ProjectId = pictures,
            UserId = 1,
            Media = media,
            MaxMediaBytes = 20_000_000,
            Mode = TaskMode.Async,
            SubmittedOn = DateTimeOffset.UtcNow,
            ModelType = ModelTypes.Visual,
            ConfigVersion = 1,
            Review = Always,
        });
        await desk.WaitForReviewAsync(task);
        var holder = Reviewer(10, pictures);
        var grant = (await desk.Desk.ClaimAsync(holder, pictures, ReviewDecisions.MainQueue))!;

        var held = await desk.Desk.HeldMediaAsync(holder, task);
        Assert.Equal(ReviewOutcome.Taken, held.Outcome);
        Assert.Equal((media.Key, media.MimeType), (held.Media!.Key, held.Media.MimeType));
        Assert.Equal(new ReviewMediaResult(ReviewOutcome.HeldByAnother, null), await desk.Desk.HeldMediaAsync(Reviewer(11, pictures), task));
        Assert.Equal(new ReviewMediaResult(ReviewOutcome.NotInReview, null), await desk.Desk.HeldMediaAsync(Reviewer(10, pictures + 1_000), task));
        await desk.Desk.ReleaseAsync(holder, task, grant.Lease);
        Assert.Equal(new ReviewMediaResult(ReviewOutcome.LeaseExpired, null), await desk.Desk.HeldMediaAsync(holder, task));

        var text = await desk.ProjectAsync("words");
        await desk.QueuedAsync(text);
        var textGrant = (await desk.Desk.ClaimAsync(Reviewer(10, text), text, ReviewDecisions.MainQueue))!;
        Assert.Equal(new ReviewMediaResult(ReviewOutcome.Taken, null), await desk.Desk.HeldMediaAsync(Reviewer(10, text), textGrant.Task.TaskId));
    }
}
