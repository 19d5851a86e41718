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

        var (standing, refused) = await LocateAsync(reviewer, taskId);
        if (standing is null)
        {
            return new ReviewDecisionResult(refused, null);
        }

        if (decision.Decision == ReviewDecisions.Escalate && standing.Queue == ReviewDecisions.EscalatedQueue)
        {
            throw new ReviewerRequestException("The task is in the escalated queue already: approve or reject it.");
        }

        if (standing.Holder != reviewer.ReviewerId)
        {
            return new ReviewDecisionResult(Refusal(standing, reviewer, decision.Lease), null);
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
            standing.ProjectId,
            taskId,
            standing.Queue,
            reviewer.ReviewerId,
            decision.Lease,
            ReviewAuditDetails.Decision(decision)));
        HiveMetrics.ReviewDecisions.Add(1, HiveMetrics.Decision(decision.Decision), HiveMetrics.Project(standing.ProjectId));
        if (!escalated)
        {
            HiveMetrics.ReviewTimeToDecision.Record(
                (now - standing.Since).TotalSeconds, HiveMetrics.Decision(decision.Decision), HiveMetrics.Project(standing.ProjectId));
        }

        return new ReviewDecisionResult(ReviewOutcome.Taken, await TaskGrain(taskId).GetAsync());
    }
}
