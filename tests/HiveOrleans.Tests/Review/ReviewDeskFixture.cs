using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Tests.Infrastructure;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Review;

/// <summary>
/// One cluster on a real store for a class of reviewer-desk tests. Each fact makes projects of its own (ids drawn at
/// random, so classes running side by side never share a metric's project tag), so facts share nothing but the cluster.
/// </summary>
public abstract class ReviewDeskFixture : IAsyncLifetime
{
    /// <summary>Sends every task to review; a rejection may name these labels.</summary>
    public static readonly ReviewRouting Always = new() { Labels = ["violence", "spam"] };

    private long _lastProject = Random.Shared.NextInt64(1_000_000, 1_000_000_000);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The queue store beside the cluster's, to look at (or age) leases directly.</summary>
    public IReviewQueueStore Queues { get; private set; } = null!;

    public abstract StoreLocation Store { get; }

    public IReviewDeskGrain Desk => Cluster.Client.GetGrain<IReviewDeskGrain>(0);

    public async Task InitializeAsync()
    {
        await CreateStoreAsync();
        Cluster = await HiveTestCluster.StartAsync(Store, silos: 1);
        Queues = ReviewQueueStoreFactory.Create(Store);
    }

    public async Task DisposeAsync()
    {
        if (Queues is IAsyncDisposable queues)
        {
            await queues.DisposeAsync();
        }

        await Cluster.DisposeAsync();
        await DropStoreAsync();
    }

    /// <summary>A new text project named <paramref name="name"/>.</summary>
    public async Task<long> ProjectAsync(string name)
    {
        var id = Interlocked.Increment(ref _lastProject);
        await Cluster.Client.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id))
            .CreateAsync(new ProjectSpec { ModelType = ModelTypes.Text, Settings = new ProjectSettings { Name = name } });
        return id;
    }

    /// <summary>Submits a text task to <paramref name="projectId"/> and waits until it waits for review.</summary>
    public async Task<Guid> QueuedAsync(long projectId, ReviewRouting? routing = null, string text = "I will kill you tonight, you are dead")
    {
        var id = Guid.CreateVersion7();
        await Task(id).SubmitAsync(new TaskSubmission
        {
            ProjectId = projectId,
            UserId = 1,
            TextData = text,
            Mode = TaskMode.Async,
            SubmittedOn = DateTimeOffset.UtcNow,
            ModelType = ModelTypes.Text,
            ConfigVersion = 1,
            Review = routing ?? Always,
        });
        await WaitForReviewAsync(id);
        return id;
    }

    /// <summary>
    /// Waits until the task is in its queue's row: the task grain reports <see cref="TaskPhase.AwaitingReview"/> from
    /// its state while the write that queues it may still be on its way.
    /// </summary>
    public async Task WaitForReviewAsync(Guid id)
    {
        await Eventually.UntilAsync(() => Task(id).GetAsync(), t => t?.Phase == TaskPhase.AwaitingReview, TimeSpan.FromSeconds(30), "the task to wait for review");
        await Eventually.UntilAsync(() => Queues.ReadAsync(id), standing => standing is not null, TimeSpan.FromSeconds(30), "the task to be queued");
    }

    public ITaskGrain Task(Guid id) => Cluster.Client.GetGrain<ITaskGrain>(id);

    public Task<IReadOnlyList<ReviewAuditRecord>> AuditOfAsync(Guid taskId) => Desk.AuditAsync(new ReviewAuditFilter(TaskId: taskId), 0, 100);

    public static ReviewerIdentity Reviewer(long id, params long[] projects) =>
        new() { ReviewerId = id, Projects = projects, Roles = [ReviewerRoles.Reviewer] };

    public static ReviewerIdentity Senior(long id, params long[] projects) =>
        new() { ReviewerId = id, Projects = projects, Roles = [ReviewerRoles.Reviewer, ReviewerRoles.Senior] };

    protected abstract Task CreateStoreAsync();

    protected abstract Task DropStoreAsync();
}
