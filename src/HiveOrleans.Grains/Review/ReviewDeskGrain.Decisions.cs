using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;

namespace HiveOrleans.Grains.Review;

/// <summary>Decisions: checked for the reviewer's access and content, and taken under the lease, by the task grain; logged here.</summary>
internal sealed partial class ReviewDeskGrain
{
    public async Task<ReviewDecisionResult> DecideAsync(ReviewerCredential credential, Guid taskId, ReviewDecision decision)
    {
        var reviewer = await ResolveAsync(credential);
        if (decision is null)
        {
            throw new ReviewerRequestException("A decision is required.");
        }

        // One call: the task grain checks the reviewer's access to where the task waits, the decision's content, and
        // (through its write) the lease, and answers with the task as it stands after it.
        TaskDecisionResult result;
        try
        {
            result = await TaskGrain(taskId).DecideAsync(reviewer, decision);
        }
        catch (ArgumentException invalid)
        {
            // The task grain's check of the decision's content (kind, labels, reason): the reviewer's mistake, a 400.
            throw new ReviewerRequestException(invalid.Message);
        }

        if (result is not { Outcome: ReviewOutcome.Taken, Task: { } task, Queue: { } queue, QueuedSince: { } since })
        {
            return new ReviewDecisionResult(result.Outcome, null);
        }

        var now = time.GetUtcNow();
        var projectId = task.Submission.ProjectId;
        var escalated = decision.Decision == ReviewDecisions.Escalate;
        await audit.AppendAsync(new ReviewAuditEntry(
            now,
            escalated ? ReviewAuditActions.Escalate : ReviewAuditActions.Decide,
            projectId,
            taskId,
            queue,
            reviewer.ReviewerId,
            decision.Lease,
            ReviewAuditDetails.Decision(decision)));
        HiveMetrics.ReviewDecisions.Add(
            1, HiveMetrics.Decision(decision.Decision), HiveMetrics.Project(projectId), HiveMetrics.Reviewer(reviewer.ReviewerId));
        if (!escalated)
        {
            HiveMetrics.ReviewTimeToDecision.Record((now - since).TotalSeconds, HiveMetrics.Decision(decision.Decision), HiveMetrics.Project(projectId));
        }

        return new ReviewDecisionResult(ReviewOutcome.Taken, task);
    }
}
