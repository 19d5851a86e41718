using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Tests.Infrastructure;
using static HiveOrleans.Tests.Review.ReviewDeskFixture;

namespace HiveOrleans.Tests.Review;

/// <summary>
/// The reviewer desk's decisions, time-outs, disabled reviewers, concurrent claims, the audit read and the metrics,
/// through the grain on a real cluster and store; each dialect runs these facts through a derived class.
/// </summary>
public abstract class ReviewDecisionContract<TFixture>(TFixture desk) : IClassFixture<TFixture>
    where TFixture : ReviewDeskFixture
{
    [Fact]
    public async Task Approving_and_rejecting_finish_the_task_with_the_review_log_the_decision_and_take_no_second_decision()
    {
        var project = await desk.ProjectAsync("decisions");
        var approved = await desk.QueuedAsync(project);
        var rejected = await desk.QueuedAsync(project);
        var reviewer = Reviewer(21, project);
        var first = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;
        var second = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;

        var approval = await desk.Desk.DecideAsync(reviewer, approved, new ReviewDecision(first.Lease, ReviewDecisions.Approve, [], null));
        var rejection = await desk.Desk.DecideAsync(reviewer, rejected, Reject(second.Lease));

        Assert.Equal((ReviewOutcome.Taken, TaskPhase.Succeeded, ReviewDecisions.Approve), (approval.Outcome, approval.Task!.Phase, approval.Task.Review!.Decision));
        Assert.Equal((ReviewOutcome.Taken, ReviewDecisions.Reject, "threat to a named person", 21L), (rejection.Outcome, rejection.Task!.Review!.Decision, rejection.Task.Review.Reason, rejection.Task.Review.ReviewerId!.Value));
        Assert.Equal(["violence"], rejection.Task.Review.Labels);
        var decided = (await desk.AuditOfAsync(rejected)).Last().Entry;
        Assert.Equal((ReviewAuditActions.Decide, 21L, second.Lease, "main"), (decided.Action, decided.ReviewerId!.Value, decided.Lease!.Value, decided.Queue));
        Assert.Equal("""{"decision":"reject","labels":["violence"],"reason":"threat to a named person"}""", decided.Detail);

        Assert.Equal(new ReviewDecisionResult(ReviewOutcome.AlreadyDecided, null), await desk.Desk.DecideAsync(reviewer, rejected, Reject(second.Lease)));
        Assert.Equal(ReviewOutcome.AlreadyDecided, (await desk.Desk.RenewAsync(reviewer, rejected, second.Lease)).Outcome);
        Assert.Equal(ReviewOutcome.NotInReview, (await desk.Desk.DecideAsync(Reviewer(21, project + 1_000), rejected, Reject(second.Lease))).Outcome);
        Assert.Equal(2, (await desk.AuditOfAsync(rejected)).Count);
    }

    [Fact]
    public async Task A_decision_not_valid_as_given_is_the_reviewer_s_mistake_and_changes_nothing()
    {
        var project = await desk.ProjectAsync("mistakes");
        var task = await desk.QueuedAsync(project);
        var reviewer = Reviewer(22, project);
        var grant = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;

        var label = await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.DecideAsync(reviewer, task, Reject(grant.Lease) with { Labels = ["weather"] }));
        var reason = await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.DecideAsync(reviewer, task, Reject(grant.Lease) with { Reason = " " }));
        var kind = await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.DecideAsync(reviewer, task, Reject(grant.Lease) with { Decision = "maybe" }));

        Assert.Contains("'weather' is not one of the project's review labels", label.Message, StringComparison.Ordinal);
        Assert.Contains("a reason", reason.Message, StringComparison.Ordinal);
        Assert.Contains("'decision' must be", kind.Message, StringComparison.Ordinal);
        Assert.All(new[] { label, reason, kind }, e => Assert.False(e.NotFound));
        Assert.Equal(TaskPhase.AwaitingReview, (await desk.Task(task).GetAsync())!.Phase);
        Assert.Equal(grant.Lease, (await desk.Queues.ReadAsync(task))!.Lease);
        Assert.Single(await desk.AuditOfAsync(task));
    }

    [Fact]
    public async Task A_decision_under_a_lease_that_was_released_or_is_another_s_now_is_refused()
    {
        var project = await desk.ProjectAsync("late");
        var task = await desk.QueuedAsync(project);
        var late = Reviewer(24, project);
        var grant = (await desk.Desk.ClaimAsync(late, project, ReviewDecisions.MainQueue))!;
        await desk.Desk.ReleaseAsync(late, task, grant.Lease);

        Assert.Equal(ReviewOutcome.LeaseExpired, (await desk.Desk.DecideAsync(late, task, Reject(grant.Lease))).Outcome);
        await desk.Desk.ClaimAsync(Reviewer(25, project), project, ReviewDecisions.MainQueue);
        Assert.Equal(ReviewOutcome.HeldByAnother, (await desk.Desk.DecideAsync(late, task, Reject(grant.Lease))).Outcome);
        Assert.Equal(TaskPhase.AwaitingReview, (await desk.Task(task).GetAsync())!.Phase);
    }

    [Fact]
    public async Task Escalation_hands_the_task_to_seniors_who_decide_it_but_cannot_escalate_it_again()
    {
        var project = await desk.ProjectAsync("escalations");
        var task = await desk.QueuedAsync(project);
        var reviewer = Reviewer(26, project);
        var senior = Senior(27, project);
        var grant = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;

        var escalation = await desk.Desk.DecideAsync(reviewer, task, new ReviewDecision(grant.Lease, ReviewDecisions.Escalate, [], "not sure"));

        Assert.Equal((ReviewOutcome.Taken, TaskPhase.AwaitingReview), (escalation.Outcome, escalation.Task!.Phase));
        Assert.Null(await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue));
        Assert.Equal(ReviewOutcome.NotInReview, (await desk.Desk.RenewAsync(reviewer, task, grant.Lease)).Outcome);
        var seniorGrant = (await desk.Desk.ClaimAsync(senior, project, ReviewDecisions.EscalatedQueue))!;
        Assert.Equal((task, ReviewDecisions.EscalatedQueue), (seniorGrant.Task.TaskId, seniorGrant.Queue));
        await Assert.ThrowsAsync<ReviewerRequestException>(() =>
            desk.Desk.DecideAsync(senior, task, new ReviewDecision(seniorGrant.Lease, ReviewDecisions.Escalate, [], "still not sure")));
        var approval = await desk.Desk.DecideAsync(senior, task, new ReviewDecision(seniorGrant.Lease, ReviewDecisions.Approve, [], null));

        Assert.Equal((ReviewDecisions.Approve, ReviewDecisions.EscalatedQueue), (approval.Task!.Review!.Decision, approval.Task.Review.Queue));
        Assert.Equal(
            [(ReviewAuditActions.Claim, 26L, "main"), (ReviewAuditActions.Escalate, 26L, "main"), (ReviewAuditActions.Claim, 27L, "escalated"), (ReviewAuditActions.Decide, 27L, "escalated")],
            (await desk.AuditOfAsync(task)).Select(r => (r.Entry.Action, r.Entry.ReviewerId!.Value, r.Entry.Queue)));
    }

    [Fact]
    public async Task A_review_whose_time_runs_out_is_logged_as_a_time_out_by_no_reviewer()
    {
        var project = await desk.ProjectAsync("timeouts");
        var task = await desk.QueuedAsync(project, Always with { Timeout = TimeSpan.FromSeconds(2) });
        var reviewer = Reviewer(28, project);
        var grant = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;

        // The sweeper wakes it at its deadline; waking it here as well changes nothing but the wait.
        await Eventually.UntilAsync(
            async () =>
            {
                await desk.Task(task).ResumeAsync();
                return await desk.Task(task).GetAsync();
            },
            t => t!.Review is not null,
            TimeSpan.FromSeconds(30),
            "the review to time out");

        var entries = (await desk.AuditOfAsync(task)).Select(r => r.Entry).ToList();
        Assert.Equal([ReviewAuditActions.Claim, ReviewAuditActions.TimeOut], entries.Select(e => e.Action));
        Assert.Equal((project, "main", (long?)null, (Guid?)null), (entries[1].ProjectId, entries[1].Queue, entries[1].ReviewerId, entries[1].Lease));
        Assert.Equal(ReviewOutcome.AlreadyDecided, (await desk.Desk.DecideAsync(reviewer, task, Reject(grant.Lease))).Outcome);
    }

    [Fact]
    public async Task Disabling_a_reviewer_logs_the_release_of_each_lease_they_held()
    {
        var project = await desk.ProjectAsync("leavers");
        var first = await desk.QueuedAsync(project);
        var second = await desk.QueuedAsync(project);
        var id = Random.Shared.NextInt64(1_000_000, 1_000_000_000);
        var reviewerGrain = desk.Cluster.Client.GetGrain<IReviewerGrain>(ReviewerKeys.GrainKey(id));
        await reviewerGrain.CreateAsync(new ReviewerSpec { Name = "leaves", Projects = [project], Roles = [ReviewerRoles.Reviewer] });
        var grants = new[]
        {
            (await desk.Desk.ClaimAsync(Reviewer(id, project), project, ReviewDecisions.MainQueue))!,
            (await desk.Desk.ClaimAsync(Reviewer(id, project), project, ReviewDecisions.MainQueue))!,
        };

        await reviewerGrain.SetDisabledAsync(true);

        foreach (var (task, grant) in new[] { first, second }.Zip(grants))
        {
            var released = (await desk.AuditOfAsync(task)).Last().Entry;
            Assert.Equal((ReviewAuditActions.Release, id, grant.Lease), (released.Action, released.ReviewerId!.Value, released.Lease!.Value));
            Assert.Equal("""{"cause":"reviewer_disabled"}""", released.Detail);
        }

        Assert.Equal(first, (await desk.Desk.ClaimAsync(Reviewer(29, project), project, ReviewDecisions.MainQueue))!.Task.TaskId);
    }

    [Fact]
    public async Task Ten_reviewers_claiming_fifty_tasks_at_once_through_the_desk_take_each_exactly_once()
    {
        var project = await desk.ProjectAsync("crowd");
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => desk.QueuedAsync(project, text: $"I will kill you tonight, number {i}")));

        var claimed = new ConcurrentBag<(long Reviewer, Guid Task)>();
        await Task.WhenAll(Enumerable.Range(31, 10).Select(async reviewer =>
        {
            while (await desk.Desk.ClaimAsync(Reviewer(reviewer, project), project, ReviewDecisions.MainQueue) is { } grant)
            {
                claimed.Add((reviewer, grant.Task.TaskId));
            }
        }));

        Assert.Equal(50, claimed.Select(c => c.Task).Distinct().Count());
        Assert.Equal(50, claimed.Count);
        var logged = await desk.Desk.AuditAsync(new ReviewAuditFilter(ProjectId: project), 0, 1_000);
        Assert.Equal(claimed.OrderBy(c => c.Task), logged.Select(r => (r.Entry.ReviewerId!.Value, r.Entry.TaskId)).OrderBy(c => c.TaskId));
    }

    [Fact]
    public async Task The_audit_log_is_read_by_task_reviewer_or_project_in_pages_of_1_to_1000()
    {
        var project = await desk.ProjectAsync("pages");
        var task = await desk.QueuedAsync(project);
        var reviewer = Reviewer(41, project);
        var grant = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;
        await desk.Desk.RenewAsync(reviewer, task, grant.Lease);
        await desk.Desk.ReleaseAsync(reviewer, task, grant.Lease);

        var firstPage = await desk.Desk.AuditAsync(new ReviewAuditFilter(TaskId: task), 0, 2);
        var rest = await desk.Desk.AuditAsync(new ReviewAuditFilter(TaskId: task), firstPage[^1].Seq, 2);

        Assert.Equal([ReviewAuditActions.Claim, ReviewAuditActions.Renew, ReviewAuditActions.Release], firstPage.Concat(rest).Select(r => r.Entry.Action));
        Assert.Equal(3, (await desk.Desk.AuditAsync(new ReviewAuditFilter(ReviewerId: 41, ProjectId: project), 0, 1_000)).Count);
        await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.AuditAsync(new ReviewAuditFilter(Since: DateTimeOffset.UtcNow), 0, 10));
        await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.AuditAsync(new ReviewAuditFilter(TaskId: task), 0, 0));
        await Assert.ThrowsAsync<ReviewerRequestException>(() => desk.Desk.AuditAsync(new ReviewAuditFilter(TaskId: task), 0, 1_001));
    }

    [Fact]
    public async Task Claims_and_decisions_are_counted_and_the_time_to_a_decision_measured()
    {
        var project = await desk.ProjectAsync("measured");
        var task = await desk.QueuedAsync(project);
        var measured = new ConcurrentBag<(string Instrument, double Value, string? Decision)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "HiveOrleans" && instrument.Name.StartsWith("hiveorleans.review.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        var reviewer = Reviewer(42, project);
        var grant = (await desk.Desk.ClaimAsync(reviewer, project, ReviewDecisions.MainQueue))!;
        await desk.Desk.DecideAsync(reviewer, task, Reject(grant.Lease));

        Assert.Contains(("hiveorleans.review.claims", 1d, (string?)null), measured);
        Assert.Contains(("hiveorleans.review.decisions", 1d, $"{ReviewDecisions.Reject} by 42"), measured);
        var waited = Assert.Single(measured, m => m.Instrument == "hiveorleans.review.time_to_decision");
        Assert.InRange(waited.Value, 0, (DateTimeOffset.UtcNow - grant.QueuedSince).TotalSeconds + 1);

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? decision = null;
            var ours = false;
            foreach (var tag in tags)
            {
                ours |= tag.Key == "project" && Equals(tag.Value, project);
                decision = tag.Key == "decision" ? (string?)tag.Value : decision;
                decision = tag.Key == "reviewer" ? $"{decision} by {tag.Value}" : decision;
            }

            if (ours)
            {
                measured.Add((instrument.Name, value, decision));
            }
        }
    }

    private static ReviewDecision Reject(Guid lease) => new(lease, ReviewDecisions.Reject, ["violence"], "threat to a named person");
}
