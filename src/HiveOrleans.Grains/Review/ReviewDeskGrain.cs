using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Reviews;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Review;

/// <summary>
/// The reviewer API's work on the silos (<see cref="IReviewDeskGrain"/>, docs/review.md). It keeps nothing: the
/// queues and leases are rows of the task table (<see cref="IReviewQueueStore"/>), a decision is the task grain's, and
/// every action on a task is appended to the audit log (<see cref="IReviewAuditLog"/>) before the call answers.
/// The class is split by concern: queues, claims and the audit read here; renewals, releases and media
/// (<c>.Leases.cs</c>); decisions (<c>.Decisions.cs</c>). Reentrant, as it keeps nothing: a stateless worker alone has
/// at most one activation per core, each taking one call at a time, and every call waits on the store, so the silo
/// served at most two reviewer requests at once and the review benchmark stalled at ~830 requests a second with its
/// CPU not used up.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed partial class ReviewDeskGrain(
    IReviewQueueStore queues,
    ReviewQueueCounts counts,
    IReviewAuditLog audit,
    IOptions<ReviewOptions> options,
    TimeProvider time) : Grain, IReviewDeskGrain
{
    private TimeSpan LeaseLength => options.Value.Lease;

    public async Task<IReadOnlyList<ReviewQueueView>> QueuesAsync(ReviewerCredential credential)
    {
        var reviewer = await ResolveAsync(credential);
        var depthsRead = counts.DepthsAsync(reviewer.Projects);
        var configs = await Task.WhenAll(reviewer.Projects.Select(ProjectConfigAsync));
        var depths = (await depthsRead).ToDictionary(d => (d.ProjectId, d.Queue));
        var names = reviewer.IsSenior ? [ReviewDecisions.MainQueue, ReviewDecisions.EscalatedQueue] : new[] { ReviewDecisions.MainQueue };
        var views = new List<ReviewQueueView>();
        foreach (var config in configs.OfType<ProjectConfig>())
        {
            foreach (var queue in names)
            {
                var depth = depths.GetValueOrDefault((config.ProjectId, queue));
                views.Add(new ReviewQueueView(
                    config.ProjectId, config.Name, queue, depth?.Pending ?? 0, depth?.Leased ?? 0, depth?.OldestSince, Labels(config)));
            }
        }

        return views;
    }

    public async Task<ReviewGrant?> ClaimAsync(ReviewerCredential credential, long projectId, string queue)
    {
        var reviewer = await ResolveAsync(credential);
        if (queue is not (ReviewDecisions.MainQueue or ReviewDecisions.EscalatedQueue))
        {
            throw new ReviewerRequestException($"'queue' must be '{ReviewDecisions.MainQueue}' or '{ReviewDecisions.EscalatedQueue}'.");
        }

        if (!reviewer.Works(projectId, queue))
        {
            // The same answer for a project that does not exist and one that is not the reviewer's: nothing leaks.
            throw new ReviewerRequestException("No such queue among the reviewer's.", notFound: true);
        }

        var claim = await queues.ClaimAsync(projectId, queue, reviewer.ReviewerId, LeaseLength);
        if (claim is null)
        {
            return null;
        }

        // The task is read (and activated, for the decision that follows) while the claim is logged.
        var read = TaskGrain(claim.TaskId).GetAsync();
        await LogClaimAsync(reviewer, projectId, queue, claim);
        var task = await read ?? throw new InvalidOperationException($"Task {claim.TaskId} is queued for review but has no state.");
        HiveMetrics.ReviewClaims.Add(1, HiveMetrics.Project(projectId), HiveMetrics.Queue(queue));
        var labels = task.Submission.Review is { Labels.Count: > 0 } routing ? routing.Labels : Labels(await ProjectConfigAsync(projectId));
        return new ReviewGrant(task, claim.Lease, claim.LeaseUntil, queue, claim.QueuedSince, labels);
    }

    /// <summary>The claim in the audit log, after an <c>expire</c> entry for the lease it replaced if that one had run out.</summary>
    private async Task LogClaimAsync(ReviewerIdentity reviewer, long projectId, string queue, ReviewClaim claim)
    {
        var now = time.GetUtcNow();
        if (claim.Expired is { } expired)
        {
            // Before the claim, so the log reads in the order things happened: the old lease ran out, then the new one began.
            await audit.AppendAsync(new ReviewAuditEntry(
                now, ReviewAuditActions.Expire, projectId, claim.TaskId, queue, expired.Holder, expired.Lease, ReviewAuditDetails.Expired(expired.Until)));
        }

        await audit.AppendAsync(new ReviewAuditEntry(now, ReviewAuditActions.Claim, projectId, claim.TaskId, queue, reviewer.ReviewerId, claim.Lease, null));
    }

    public Task<IReadOnlyList<ReviewAuditRecord>> AuditAsync(ReviewAuditFilter filter, long afterSeq, int limit)
    {
        if (filter is not { IsNarrowed: true })
        {
            throw new ReviewerRequestException("Read the audit log by task, reviewer or project: give at least one of them.");
        }

        if (limit is < 1 or > 1_000)
        {
            throw new ReviewerRequestException("'limit' must be 1 to 1000.");
        }

        if (afterSeq < 0)
        {
            throw new ReviewerRequestException("'after' must be 0 or more.");
        }

        return audit.ReadAsync(filter, afterSeq, limit);
    }

    /// <summary>
    /// Who <paramref name="credential"/> is now: the token resolved through its grain on every call (so a disabled
    /// reviewer or a rotated token is refused at once), or the identity a caller in the cluster gave.
    /// </summary>
    private async Task<ReviewerIdentity> ResolveAsync(ReviewerCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (credential.Identity is { } identity)
        {
            return identity;
        }

        var key = credential.TokenGrainKey ?? throw new ArgumentException("A credential names a token or an identity.", nameof(credential));
        return await GrainFactory.GetGrain<IReviewerTokenGrain>(key).ResolveAsync() ?? throw new ReviewerUnauthorizedException();
    }

    /// <summary>
    /// The labels a rejection may name, as the project's settings give them. A claimed task's own submission's labels
    /// come first (<see cref="ClaimAsync"/>): they are what the task grain checks a decision against.
    /// </summary>
    private static IReadOnlyList<string> Labels(ProjectConfig? config) => config?.ReviewRules?.Labels ?? [];

    private Task<ProjectConfig?> ProjectConfigAsync(long projectId) => GrainFactory.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(projectId)).GetConfigAsync();

    private ITaskGrain TaskGrain(Guid taskId) => GrainFactory.GetGrain<ITaskGrain>(taskId);
}
