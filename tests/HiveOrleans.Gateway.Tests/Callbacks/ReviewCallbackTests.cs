using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Tests.Infrastructure;
using Orleans.TestingHost;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>A task that went to review is called back once, when it is decided, and the callback carries the review.</summary>
public sealed class ReviewCallbackTests : IAsyncLifetime
{
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
    public async Task The_only_callback_of_a_reviewed_task_comes_after_the_decision_and_carries_it()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var projectId = await CreateProjectAsync();
        var taskId = Guid.CreateVersion7();
        var task = _cluster.Client.GetGrain<ITaskGrain>(taskId);
        await task.SubmitAsync(new TaskSubmission
        {
            ProjectId = projectId,
            UserId = 1,
            TextData = "meet me behind the gym, you will regret it",
            CallbackUrl = receiver.Url.ToString(),
            Mode = TaskMode.Async,
            SubmittedOn = DateTimeOffset.UtcNow,
            ModelType = ModelTypes.Text,
            ConfigVersion = 1,
            Review = new ReviewRouting { Labels = ["violence", "bullying"] },
        });
        await Eventually.UntilAsync(task.GetAsync, t => t!.Phase == TaskPhase.AwaitingReview, TimeSpan.FromSeconds(20), "the task to wait for review");
        var claim = (await _queues.ClaimAsync(projectId, ReviewDecisions.MainQueue, reviewerId: 5, TimeSpan.FromMinutes(10)))!;

        var reviewer = new ReviewerIdentity { ReviewerId = 5, Projects = [projectId], Roles = [ReviewerRoles.Reviewer] };
        Assert.Equal(ReviewOutcome.Taken, (await task.DecideAsync(reviewer, new ReviewDecision(claim.Lease, ReviewDecisions.Reject, ["bullying"], "intimidation"))).Outcome);

        // Had waiting for review sent a callback, it would arrive first, with AWAITING_REVIEW.
        var delivered = await receiver.NextAsync();
        using var body = JsonDocument.Parse(delivered.Body);
        Assert.Equal("0", body.RootElement.GetProperty("status")[0].GetProperty("status").GetProperty("code").GetString());
        var review = body.RootElement.GetProperty("review");
        Assert.Equal("reject", review.GetProperty("decision").GetString());
        Assert.Equal(["bullying"], review.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("intimidation", review.GetProperty("reason").GetString());
        Assert.Equal(5, review.GetProperty("reviewer_id").GetInt64());
        Assert.Equal("main", review.GetProperty("queue").GetString());

        // One attempt on record, the one above: none was made while the task waited.
        var settled = await Eventually.UntilAsync(task.GetAsync, t => t!.Callback is { Succeeded: true }, TimeSpan.FromSeconds(10), "the callback to be on record");
        Assert.Single(settled!.Callback!.History);
    }

    private async Task<long> CreateProjectAsync()
    {
        var id = await _cluster.Client.GetGrain<IProjectDirectoryGrain>(IProjectDirectoryGrain.Key).AllocateProjectIdAsync();
        await _cluster.Client.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id)).CreateAsync(new ProjectSpec
        {
            ModelType = ModelTypes.Text,
            Settings = new ProjectSettings { Name = "reviewed callbacks" },
        });
        return id;
    }
}
