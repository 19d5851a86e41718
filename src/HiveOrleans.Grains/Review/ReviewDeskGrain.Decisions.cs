using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Review;

/// <summary>Decisions: checked for the reviewer's access here, checked for content and taken under the lease by the task grain.</summary>
internal sealed partial class ReviewDeskGrain
{
    public async Task<ReviewDecisionResult> DecideAsync(ReviewerIdentity reviewer, Guid taskId, ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (decision is null || decision.ReviewerId != reviewer.ReviewerId)
        {
            throw new ReviewerRequestException("A decision is the deciding reviewer's own.");
        }

        // Where the task waits comes from the task itself (active since the claim), not the store: the task grain's
        // write checks the lease, so a decision costs one statement.
        var task = await TaskGrain(taskId).GetAsync();
        if (task is null || !reviewer.Projects.Contains(task.Submission.ProjectId))
        {
            return new ReviewDecisionResult(ReviewOutcome.NotInReview, null);
        }

        if (task is not { ReviewQueue: { } queue, ReviewSince: { } since })
        {
            return new ReviewDecisionResult(task.Review is null ? ReviewOutcome.NotInReview : ReviewOutcome.AlreadyDecided, null);
        }

        if (!Works(reviewer, task.Submission.ProjectId, queue))
        {
            return new ReviewDecisionResult(ReviewOutcome.NotInReview, null);
        }

        if (decision.Decision == ReviewDecisions.Escalate && queue == ReviewDecisions.EscalatedQueue)
        {
            throw new ReviewerRequestException("The task is in the escalated queue already: approve or reject it.");
        }

        ReviewOutcome outcome;
        try
        {
            outcome = await TaskGrain(taskId).DecideAsync(decision);
        }
        catch (ArgumentException invalid)
        {
            // The task grain's check of the decision's content (kind, labels, reason): the reviewer's mistake, a 400.
            throw new ReviewerRequestException(invalid.Message);
        }

        if (outcome != ReviewOutcome.Taken)
        {
            return new ReviewDecisionResult(outcome, null);
        }

        var now = time.GetUtcNow();
        var escalated = decision.Decision == ReviewDecisions.Escalate;
        await audit.AppendAsync(new ReviewAuditEntry(
            now,
            escalated ? ReviewAuditActions.Escalate : ReviewAuditActions.Decide,
            task.Submission.ProjectId,
            taskId,
            queue,
            reviewer.ReviewerId,
            decision.Lease,
            ReviewAuditDetails.Decision(decision)));
        HiveMetrics.ReviewDecisions.Add(
            1, HiveMetrics.Decision(decision.Decision), HiveMetrics.Project(task.Submission.ProjectId), HiveMetrics.Reviewer(reviewer.ReviewerId));
        if (!escalated)
        {
            HiveMetrics.ReviewTimeToDecision.Record(
                (now - since).TotalSeconds, HiveMetrics.Decision(decision.Decision), HiveMetrics.Project(task.Submission.ProjectId));
        }

        return new ReviewDecisionResult(ReviewOutcome.Taken, await TaskGrain(taskId).GetAsync());
    }
}
