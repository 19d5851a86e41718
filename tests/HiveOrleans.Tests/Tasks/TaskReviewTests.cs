using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Tests.Infrastructure;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Tasks;

/// <summary>
/// Manual review in the task grain, on a real cluster and PostgreSQL: routing after the model, waiting in the queue,
/// decisions under a reviewer's lease, escalation and the review's time running out (docs/review.md).
/// </summary>
public sealed class TaskReviewTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly ReviewRouting ViolenceOnly = new() { When = new Dictionary<string, int> { ["violence"] = 2 }, Labels = ["violence", "spam"] };

    private readonly PostgresDatabase _database = new();
    private InProcessTestCluster _cluster = null!;
    private IReviewQueueStore _queues = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = await HiveTestCluster.StartAsync(_database.Store, silos: 1);
        _queues = ReviewQueueStoreFactory.Create(_database.Store);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncDisposable)_queues).DisposeAsync();
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_task_the_rules_send_to_review_waits_in_its_project_s_queue_and_one_they_do_not_send_finishes()
    {
        var threat = await SubmitAsync("I will kill you tonight, you are dead", ViolenceOnly);
        var greeting = await SubmitAsync("have a lovely day at the beach", ViolenceOnly);

        var waiting = await Eventually.UntilAsync(() => Task(threat).GetAsync(), t => t!.Phase == TaskPhase.AwaitingReview, TimeSpan.FromSeconds(20), "the threat to wait for review");
        Assert.Null(waiting!.Review);
        Assert.NotNull(waiting.Output);
        var finished = await Task(greeting).WaitForCompletionAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TaskPhase.Succeeded, finished!.Phase);
        Assert.Null(finished.Review);

        var standing = await _queues.ReadAsync(threat);
        Assert.Equal((7L, "main"), (standing!.ProjectId, standing.Queue));
        Assert.Null(await _queues.ReadAsync(greeting));
        Assert.Equal(threat, (await _queues.ClaimAsync(7, "main", reviewerId: 1, Lease))!.TaskId);
    }

    [Fact]
    public async Task Review_always_and_sampling_send_tasks_the_scores_alone_would_not()
    {
        var always = await SubmitAsync("see you at the match on sunday", new ReviewRouting());
        var sampled = await SubmitAsync("see you at the game on saturday", ViolenceOnly with { Sample = 1 });

        foreach (var task in new[] { always, sampled })
        {
            await Eventually.UntilAsync(() => Task(task).GetAsync(), t => t!.Phase == TaskPhase.AwaitingReview, TimeSpan.FromSeconds(20), "the task to wait for review");
        }
    }

    [Fact]
    public async Task A_task_reported_waiting_for_review_is_already_in_the_queue()
    {
        // Polled with no pause, a read would land while the write that queues the task is still out, if it could.
        for (var i = 0; i < 20; i++)
        {
            var task = await SubmitAsync($"see you at the match on sunday, number {i}", new ReviewRouting());
            await Eventually.UntilAsync(() => Task(task).GetAsync(), t => t!.Phase == TaskPhase.AwaitingReview, TimeSpan.FromSeconds(20), "the task to wait for review", TimeSpan.Zero);
            Assert.NotNull(await _queues.ReadAsync(task));
        }
    }

    [Fact]
    public async Task A_decision_under_the_held_lease_finishes_the_task_with_the_review_and_no_other_decision_is_taken()
    {
        var task = await QueuedAsync("I will kill you tonight, you are dead");
        var mine = (await _queues.ClaimAsync(7, "main", reviewerId: 3, Lease))!;
        var unknownLabel = await Assert.ThrowsAsync<ArgumentException>(() => Task(task).DecideAsync(Reviewer(3), Reject(mine.Lease) with { Labels = ["weather"] }));
        Assert.Contains("'weather' is not one of the project's review labels: violence, spam", unknownLabel.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Task(task).DecideAsync(Reviewer(3), Reject(mine.Lease) with { Reason = " " }));

        Assert.Equal(ReviewOutcome.HeldByAnother, (await Task(task).DecideAsync(Reviewer(3), Reject(Guid.NewGuid()))).Outcome);
        Assert.Equal(ReviewOutcome.Taken, (await Task(task).DecideAsync(Reviewer(3), Reject(mine.Lease))).Outcome);

        var done = (await Task(task).WaitForCompletionAsync(TimeSpan.FromSeconds(5)))!;
        Assert.Equal(TaskPhase.Succeeded, done.Phase);
        Assert.Equal(("reject", "threat to a named person", 3L, "main"), (done.Review!.Decision, done.Review.Reason, done.Review.ReviewerId!.Value, done.Review.Queue));
        Assert.Equal(["violence"], done.Review.Labels);
        Assert.Null(await _queues.ReadAsync(task));
        Assert.Equal(ReviewOutcome.AlreadyDecided, (await Task(task).DecideAsync(Reviewer(3), Reject(mine.Lease))).Outcome);
        Assert.Contains("\"review\":{\"decision\":\"reject\"", System.Text.Encoding.UTF8.GetString(HiveOrleans.Wire.TaskDocument.ToUtf8Bytes(done)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_decisions_sent_at_once_under_one_lease_are_taken_once()
    {
        var task = await QueuedAsync("I will kill you tonight, you are dead");
        var claim = (await _queues.ClaimAsync(7, "main", reviewerId: 3, Lease))!;

        var outcomes = (await System.Threading.Tasks.Task.WhenAll(
            Task(task).DecideAsync(Reviewer(3), new ReviewDecision(claim.Lease, ReviewDecisions.Approve, [], null)),
            Task(task).DecideAsync(Reviewer(3), Reject(claim.Lease)))).Select(r => r.Outcome).ToArray();

        Assert.Single(outcomes, o => o == ReviewOutcome.Taken);
        var taken = outcomes[0] == ReviewOutcome.Taken ? ReviewDecisions.Approve : ReviewDecisions.Reject;
        Assert.Equal(taken, (await Task(task).GetAsync())!.Review!.Decision);
    }

    [Fact]
    public async Task A_reviewer_whose_lease_is_gone_or_another_s_now_cannot_decide()
    {
        var task = await QueuedAsync("I will kill you tonight, you are dead");
        var first = (await _queues.ClaimAsync(7, "main", reviewerId: 1, Lease))!;
        Assert.True(await _queues.ReleaseAsync(task, first.Lease));
        Assert.Equal(ReviewOutcome.LeaseExpired, (await Task(task).DecideAsync(Reviewer(1), Reject(first.Lease))).Outcome);
        await _queues.ClaimAsync(7, "main", reviewerId: 2, Lease);

        Assert.Equal(ReviewOutcome.HeldByAnother, (await Task(task).DecideAsync(Reviewer(1), Reject(first.Lease))).Outcome);
        Assert.Equal(TaskPhase.AwaitingReview, (await Task(task).GetAsync())!.Phase);
    }

    [Fact]
    public async Task Escalating_moves_the_task_to_the_escalated_queue_where_a_senior_decides_it()
    {
        var task = await QueuedAsync("I will kill you tonight, you are dead");
        var claim = (await _queues.ClaimAsync(7, "main", reviewerId: 1, Lease))!;

        Assert.Equal(ReviewOutcome.Taken, (await Task(task).DecideAsync(Reviewer(1), new ReviewDecision(claim.Lease, ReviewDecisions.Escalate, [], "not sure"))).Outcome);

        Assert.Equal(TaskPhase.AwaitingReview, (await Task(task).GetAsync())!.Phase);
        Assert.Null(await _queues.ClaimAsync(7, "main", reviewerId: 2, Lease));
        var senior = (await _queues.ClaimAsync(7, "escalated", reviewerId: 9, Lease))!;
        Assert.Equal(ReviewOutcome.Taken, (await Task(task).DecideAsync(Reviewer(9), new ReviewDecision(senior.Lease, ReviewDecisions.Approve, [], null))).Outcome);
        Assert.Equal(("approve", "escalated"), ((await Task(task).GetAsync())!.Review!.Decision, (await Task(task).GetAsync())!.Review!.Queue));
    }

    [Fact]
    public async Task A_task_whose_review_time_ran_out_finishes_with_the_model_s_answer_when_the_sweeper_wakes_it()
    {
        // The sweeper may wake it at its deadline before this test does; either way it must finish timed out.
        var task = await SubmitAsync("I will kill you tonight, you are dead", ViolenceOnly with { Timeout = TimeSpan.FromSeconds(2) });
        await Eventually.UntilAsync(() => Task(task).GetAsync(), t => t!.Output is not null, TimeSpan.FromSeconds(20), "the model to have run");
        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(2.5));

        await Task(task).ResumeAsync();

        var done = (await Task(task).WaitForCompletionAsync(TimeSpan.FromSeconds(10)))!;
        Assert.Equal(TaskPhase.Succeeded, done.Phase);
        Assert.Equal(ReviewDecisions.TimedOut, done.Review!.Decision);
        Assert.Null(done.Review.ReviewerId);
        Assert.Equal(3, done.Output!.Entries.Max(e => e.Classes.Single(c => c.Class == "violence").Score));
        Assert.Null(await _queues.ReadAsync(task));
    }

    private ITaskGrain Task(Guid id) => _cluster.Client.GetGrain<ITaskGrain>(id);

    private static ReviewDecision Reject(Guid lease) => new(lease, ReviewDecisions.Reject, ["violence"], "threat to a named person");

    /// <summary>A reviewer of the tests' project (7) who may work both its queues.</summary>
    private static ReviewerIdentity Reviewer(long id) => new() { ReviewerId = id, Projects = [7], Roles = [ReviewerRoles.Reviewer, ReviewerRoles.Senior] };

    private async Task<Guid> QueuedAsync(string text, ReviewRouting? routing = null)
    {
        var task = await SubmitAsync(text, routing ?? ViolenceOnly);
        await Eventually.UntilAsync(() => Task(task).GetAsync(), t => t!.Phase == TaskPhase.AwaitingReview, TimeSpan.FromSeconds(20), "the task to wait for review");
        return task;
    }

    private async Task<Guid> SubmitAsync(string text, ReviewRouting routing)
    {
        var id = Guid.CreateVersion7();
        await Task(id).SubmitAsync(new TaskSubmission
        {
            ProjectId = 7,
            UserId = 1,
            TextData = text,
            Mode = TaskMode.Async,
            SubmittedOn = DateTimeOffset.UtcNow,
            ModelType = "text",
            ConfigVersion = 1,
            Review = routing,
        });
        return id;
    }
}
