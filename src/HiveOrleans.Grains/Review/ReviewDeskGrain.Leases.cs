using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Reviews;

namespace HiveOrleans.Grains.Review;

/// <summary>
/// Renewals, releases and media: each first finds the task in one of the reviewer's queues (<see cref="LocateAsync"/>),
/// then acts only under the reviewer's own lease.
/// </summary>
internal sealed partial class ReviewDeskGrain
{
    public async Task<ReviewLeaseResult> RenewAsync(ReviewerCredential credential, Guid taskId, Guid lease)
    {
        var reviewer = await ResolveAsync(credential);
        var (standing, refused) = await LocateAsync(reviewer, taskId);
        if (standing is null)
        {
            return new ReviewLeaseResult(refused, null);
        }

        var until = standing.Holder == reviewer.ReviewerId ? await queues.RenewAsync(taskId, lease, LeaseLength) : null;
        if (until is null)
        {
            return new ReviewLeaseResult(await RefusalAsync(reviewer, taskId, lease), null);
        }

        await audit.AppendAsync(new ReviewAuditEntry(
            time.GetUtcNow(), ReviewAuditActions.Renew, standing.ProjectId, taskId, standing.Queue, reviewer.ReviewerId, lease, null));
        return new ReviewLeaseResult(ReviewOutcome.Taken, until);
    }

    public async Task<ReviewOutcome> ReleaseAsync(ReviewerCredential credential, Guid taskId, Guid lease)
    {
        var reviewer = await ResolveAsync(credential);
        var (standing, refused) = await LocateAsync(reviewer, taskId);
        if (standing is null)
        {
            return refused;
        }

        if (standing.Holder != reviewer.ReviewerId || !await queues.ReleaseAsync(taskId, lease))
        {
            return await RefusalAsync(reviewer, taskId, lease);
        }

        await audit.AppendAsync(new ReviewAuditEntry(
            time.GetUtcNow(), ReviewAuditActions.Release, standing.ProjectId, taskId, standing.Queue, reviewer.ReviewerId, lease, null));
        return ReviewOutcome.Taken;
    }

    public async Task<ReviewMediaResult> HeldMediaAsync(ReviewerCredential credential, Guid taskId)
    {
        var reviewer = await ResolveAsync(credential);
        var (standing, refused) = await LocateAsync(reviewer, taskId);
        if (standing is null)
        {
            return new ReviewMediaResult(refused, null);
        }

        if (standing.Holder != reviewer.ReviewerId || !standing.IsLeasedAt(time.GetUtcNow()))
        {
            return new ReviewMediaResult(Refusal(standing, reviewer, lease: null), null);
        }

        var task = await TaskGrain(taskId).GetAsync();
        return new ReviewMediaResult(ReviewOutcome.Taken, task?.Media);
    }

    /// <summary>
    /// Where the task waits, when that is one of the queues <paramref name="reviewer"/> works; otherwise null and why:
    /// <see cref="ReviewOutcome.AlreadyDecided"/> for a task of one of their projects that was decided (or timed out),
    /// else <see cref="ReviewOutcome.NotInReview"/>, which is also the answer for another project's task.
    /// </summary>
    private async Task<(ReviewStanding? Standing, ReviewOutcome Refused)> LocateAsync(ReviewerIdentity reviewer, Guid taskId)
    {
        var standing = await queues.ReadAsync(taskId);
        if (standing is null)
        {
            return (null, await OutOfQueueAsync(reviewer, taskId));
        }

        return reviewer.Works(standing.ProjectId, standing.Queue) ? (standing, ReviewOutcome.Taken) : (null, ReviewOutcome.NotInReview);
    }

    /// <summary>Why a task in no queue cannot be acted on: decided already (in one of the reviewer's projects), or not in review at all.</summary>
    private async Task<ReviewOutcome> OutOfQueueAsync(ReviewerIdentity reviewer, Guid taskId)
    {
        var task = await TaskGrain(taskId).GetAsync();
        return task is { Review: not null } && reviewer.Projects.Contains(task.Submission.ProjectId)
            ? ReviewOutcome.AlreadyDecided
            : ReviewOutcome.NotInReview;
    }

    /// <summary>Why the reviewer's <paramref name="lease"/> did not act, from the task's standing as it is now.</summary>
    private async Task<ReviewOutcome> RefusalAsync(ReviewerIdentity reviewer, Guid taskId, Guid lease)
    {
        var (standing, refused) = await LocateAsync(reviewer, taskId);
        return standing is null ? refused : Refusal(standing, reviewer, lease);
    }

    /// <summary>
    /// <see cref="ReviewOutcome.HeldByAnother"/> while a lease not the reviewer's (<paramref name="lease"/>, or any of
    /// theirs when null) holds; otherwise <see cref="ReviewOutcome.LeaseExpired"/>: it ran out or was released.
    /// </summary>
    private ReviewOutcome Refusal(ReviewStanding standing, ReviewerIdentity reviewer, Guid? lease)
    {
        var theirs = standing.Holder == reviewer.ReviewerId && (lease is null || standing.Lease == lease);
        return standing.IsLeasedAt(time.GetUtcNow()) && !theirs ? ReviewOutcome.HeldByAnother : ReviewOutcome.LeaseExpired;
    }
}
