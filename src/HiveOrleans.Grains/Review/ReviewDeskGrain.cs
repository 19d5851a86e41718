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
/// (<c>.Leases.cs</c>); decisions (<c>.Decisions.cs</c>).
/// </summary>
[StatelessWorker]
internal sealed partial class ReviewDeskGrain(
    IReviewQueueStore queues,
    IReviewAuditLog audit,
    IOptions<ReviewOptions> options,
    TimeProvider time) : Grain, IReviewDeskGrain
{
    private TimeSpan LeaseLength => options.Value.Lease;

    public async Task<IReadOnlyList<ReviewQueueView>> QueuesAsync(ReviewerIdentity reviewer)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        var depthsRead = queues.DepthsAsync([.. reviewer.Projects]);
        var configs = await Task.WhenAll(reviewer.Projects.Select(ProjectConfigAsync));
        var depths = (await depthsRead).ToDictionary(d => (d.ProjectId, d.Queue));
        var names = IsSenior(reviewer) ? [ReviewDecisions.MainQueue, ReviewDecisions.EscalatedQueue] : new[] { ReviewDecisions.MainQueue };
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

    public async Task<ReviewGrant?> ClaimAsync(ReviewerIdentity reviewer, long projectId, string queue)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (queue is not (ReviewDecisions.MainQueue or ReviewDecisions.EscalatedQueue))
        {
            throw new ReviewerRequestException($"'queue' must be '{ReviewDecisions.MainQueue}' or '{ReviewDecisions.EscalatedQueue}'.");
        }

        if (!Works(reviewer, projectId, queue))
        {
            // The same answer for a project that does not exist and one that is not the reviewer's: nothing leaks.
            throw new ReviewerRequestException("No such queue among the reviewer's.", notFound: true);
        }

        var claim = await queues.ClaimAsync(projectId, queue, reviewer.ReviewerId, LeaseLength);
        if (claim is null)
        {
            return null;
        }

        var task = await TaskGrain(claim.TaskId).GetAsync()
            ?? throw new InvalidOperationException($"Task {claim.TaskId} is queued for review but has no state.");
        var now = time.GetUtcNow();
        if (claim.Expired is { } expired)
        {
            // Before the claim, so the log reads in the order things happened: the old lease ran out, then the new one began.
            await audit.AppendAsync(new ReviewAuditEntry(
                now, ReviewAuditActions.Expire, projectId, claim.TaskId, queue, expired.Holder, expired.Lease, ReviewAuditDetails.Expired(expired.Until)));
        }

        await audit.AppendAsync(new ReviewAuditEntry(now, ReviewAuditActions.Claim, projectId, claim.TaskId, queue, reviewer.ReviewerId, claim.Lease, null));
        HiveMetrics.ReviewClaims.Add(1, HiveMetrics.Project(projectId), HiveMetrics.Queue(queue));
        var labels = task.Submission.Review is { Labels.Count: > 0 } routing ? routing.Labels : Labels(await ProjectConfigAsync(projectId));
        return new ReviewGrant(task, claim.Lease, claim.LeaseUntil, queue, claim.QueuedSince, labels);
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

    private static bool IsSenior(ReviewerIdentity reviewer) => reviewer.Roles.Contains(ReviewerRoles.Senior);

    /// <summary>Whether <paramref name="reviewer"/> may work <paramref name="queue"/> of <paramref name="projectId"/>: their project, and escalated only for a senior.</summary>
    private static bool Works(ReviewerIdentity reviewer, long projectId, string queue) =>
        reviewer.Projects.Contains(projectId) && (queue == ReviewDecisions.MainQueue || IsSenior(reviewer));

    /// <summary>
    /// The labels a rejection may name, as the project's settings give them. A claimed task's own submission's labels
    /// come first (<see cref="ClaimAsync"/>): they are what the task grain checks a decision against.
    /// </summary>
    private static IReadOnlyList<string> Labels(ProjectConfig? config) => config?.ReviewRules?.Labels ?? [];

    private Task<ProjectConfig?> ProjectConfigAsync(long projectId) => GrainFactory.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(projectId)).GetConfigAsync();

    private ITaskGrain TaskGrain(Guid taskId) => GrainFactory.GetGrain<ITaskGrain>(taskId);
}
