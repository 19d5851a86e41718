using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Review;

namespace HiveOrleans.Gateway.Tests.Sdk;

/// <summary>A manual-review project through the SDK: the wait for a reviewer, the decision, and the typed review.</summary>
[Collection(SdkCollection.Name)]
public sealed class SdkReviewTests(SdkGatewayFixture gateway)
{
    [Fact]
    public async Task WatchAsync_shows_the_wait_for_review_and_the_finished_task_carries_the_typed_decision()
    {
        using var review = new ReviewDriver(gateway.Server);
        var project = await review.CreateManualReviewProjectAsync("sdk review");
        var (reviewerId, token) = await review.CreateReviewerAsync("sdk reviewer", [project.ProjectId]);
        var hive = gateway.ClientFor(project.Key);

        var refused = await Assert.ThrowsAsync<HiveOrleansException>(() => hive.SubmitSyncAsync(ModerationRequest.ForText("sync is not for review")));
        Assert.Equal(400, refused.ReturnCode);

        var ack = await hive.SubmitAsync(ModerationRequest.ForText("meet me behind the gym, you will regret it"));
        await review.WaitUntilQueuedAsync(project, ack.TaskId);
        var waiting = await hive.GetTaskAsync(ack.TaskId);
        Assert.Equal("AWAITING_REVIEW", waiting.StatusCode);
        Assert.False(waiting.IsFinished);
        Assert.Null(waiting.Review);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<TaskEvent>();
        await foreach (var taskEvent in hive.WatchAsync(ack.TaskId, deadline.Token))
        {
            events.Add(taskEvent);
            if (taskEvent.Status?.Status == "AWAITING_REVIEW")
            {
                var (_, grant) = await review.ClaimAsync(token, project.ProjectId);
                var (decidedStatus, answer) = await review.DecideAsync(token, ack.TaskId, new
                {
                    lease_token = ReviewDriver.LeaseOf(grant),
                    decision = "reject",
                    labels = new[] { "bullying" },
                    reason = "intimidation",
                });
                Assert.True(decidedStatus == System.Net.HttpStatusCode.OK, $"the decision answered {(int)decidedStatus}: {answer}");
            }
        }

        Assert.Equal(["AWAITING_REVIEW", "SUCCESS"], events.Where(e => e.Status is not null).Select(e => e.Status!.Status));
        var decided = events[^1].Task!.Review!;
        Assert.Equal(("reject", "intimidation", reviewerId, "main"), (decided.Decision, decided.Reason, decided.ReviewerId, decided.Queue));
        Assert.Equal(["bullying"], decided.Labels);
        Assert.InRange(decided.DecidedOn!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
    }
}
