using System.Diagnostics;
using System.Net;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Media;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Sdk;

/// <summary>Refusals through the SDK as one exception type, and its retry of 429 that never makes a second task.</summary>
[Collection(SdkCollection.Name)]
public sealed class SdkErrorTests(SdkGatewayFixture gateway)
{
    [Fact]
    public async Task A_key_that_is_not_live_is_a_HiveOrleansException_with_return_code_403()
    {
        var hive = gateway.ClientFor("not-a-key");

        var refused = await Assert.ThrowsAsync<HiveOrleansException>(() => hive.SubmitSyncAsync(ModerationRequest.ForText("hello")));

        Assert.Equal(403, refused.ReturnCode);
        Assert.Equal("Invalid API key.", refused.Message);
        Assert.Null(refused.RetryAfter);
    }

    [Fact]
    public async Task An_unknown_task_is_404_and_a_resend_without_a_callback_url_is_400()
    {
        var hive = gateway.ClientFor(gateway.TextProject.Key);

        var unknown = await Assert.ThrowsAsync<HiveOrleansException>(() => hive.GetTaskAsync(Guid.NewGuid().ToString()));
        Assert.Equal((404, "Task not found."), (unknown.ReturnCode, unknown.Message));
        var elsewhere = await gateway.ClientFor(gateway.VisualProject.Key).SubmitSyncAsync(ModerationRequest.ForStream(new MemoryStream(gateway.BankedPicture), "a.jpg"));
        Assert.Equal(404, (await Assert.ThrowsAsync<HiveOrleansException>(() => hive.GetTaskAsync(elsewhere.Id))).ReturnCode);
        Assert.Equal(404, (await Assert.ThrowsAsync<HiveOrleansException>(async () =>
        {
            await foreach (var _ in hive.WatchAsync(elsewhere.Id))
            {
            }
        })).ReturnCode);

        var quiet = await hive.SubmitSyncAsync(ModerationRequest.ForText("no callback here"));
        var resend = await Assert.ThrowsAsync<HiveOrleansException>(() => hive.ResendCallbackAsync(quiet.Id));
        Assert.Equal(400, resend.ReturnCode);
    }

    [Fact]
    public async Task Media_over_the_projects_limit_is_413_naming_the_limit()
    {
        var small = await gateway.Server.Client.CreateVisualProjectAsync([SdkGatewayFixture.Bank], maxBodyBytes: 64 * 1024);
        var big = TestMedia.SceneJpeg(seed: 51, quality: 100);
        Assert.True(big.Length > 64 * 1024);

        var refused = await Assert.ThrowsAsync<HiveOrleansException>(
            () => gateway.ClientFor(small.Key).SubmitAsync(ModerationRequest.ForStream(new MemoryStream(big), "big.jpg")));

        Assert.Equal(413, refused.ReturnCode);
        Assert.Contains("65536", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_the_retried_submission_makes_exactly_one_task()
    {
        var (projectId, key) = await CreateRatedProjectAsync();
        var hive = gateway.ClientFor(key, o => o.DefaultRetryDelay = TimeSpan.Zero);
        await hive.SubmitAsync(ModerationRequest.ForText("takes the only token"));

        var clock = Stopwatch.StartNew();
        var ack = await hive.SubmitAsync(ModerationRequest.ForText("waits for the next one"));
        clock.Stop();

        // The gateway said to come back after a second; with no Retry-After the SDK would have retried at once, and
        // been refused again until its attempts ran out.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
        var task = await hive.GetTaskAsync(ack.TaskId);
        Assert.Equal("waits for the next one", task.Input.Text);
        var usage = await Eventually.UntilAsync(
            async () => (await gateway.Server.Client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{projectId}/usage")).Body.GetProperty("days")[0],
            day => day.GetProperty("rejected").GetInt64() >= 1 && day.GetProperty("tasks").GetInt64() >= 2,
            TimeSpan.FromSeconds(15),
            "usage to count the refusal and both tasks",
            interval: TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, usage.GetProperty("tasks").GetInt64());
    }

    [Fact]
    public async Task A_retried_upload_sends_the_stream_again_from_the_position_it_started_at()
    {
        var (_, key) = await CreateRatedProjectAsync(visual: true);
        var hive = gateway.ClientFor(key, o => o.DefaultRetryDelay = TimeSpan.Zero);
        await hive.SubmitAsync(ModerationRequest.ForUrl(gateway.Origin.Serve($"{Guid.NewGuid():N}.jpg", gateway.BankedPicture)));
        var picture = TestMedia.SceneJpeg(seed: 61);
        using var stream = new MemoryStream([.. new byte[100], .. picture]) { Position = 100 };

        var ack = await hive.SubmitAsync(ModerationRequest.ForStream(stream, "retried.jpg"));

        var task = await Eventually.UntilAsync(
            () => hive.GetTaskAsync(ack.TaskId), t => t.IsFinished, TimeSpan.FromSeconds(30), "the retried upload to finish");
        Assert.True(task.Succeeded, $"{task.StatusCode} {task.Error?.Message}");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(picture)), task.Input.Hash);
        Assert.Equal(picture.Length, task.Input.Media!.Size);
    }

    [Fact]
    public async Task With_retrying_off_a_429_is_thrown_with_its_Retry_After()
    {
        var (_, key) = await CreateRatedProjectAsync();
        var hive = gateway.ClientFor(key, o => o.MaxAttempts = 1);
        await hive.SubmitAsync(ModerationRequest.ForText("takes the only token"));

        var refused = await Assert.ThrowsAsync<HiveOrleansException>(() => hive.SubmitAsync(ModerationRequest.ForText("refused")));

        Assert.Equal(429, refused.ReturnCode);
        Assert.True(refused.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Contains("rate limit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_retry_budget_is_not_waited_for()
    {
        var (_, key) = await CreateRatedProjectAsync(perSecond: 0.01);
        var hive = gateway.ClientFor(key, o => o.MaxRetryWait = TimeSpan.FromSeconds(5));
        await hive.SubmitAsync(ModerationRequest.ForText("takes the only token"));

        var clock = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<HiveOrleansException>(() => hive.SubmitAsync(ModerationRequest.ForText("would wait 100 s")));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {clock.Elapsed}");
        Assert.Equal(429, refused.ReturnCode);
        Assert.True(refused.RetryAfter > TimeSpan.FromSeconds(5));
    }

    private async Task<(long Id, string Key)> CreateRatedProjectAsync(double perSecond = 1, bool visual = false)
    {
        var (status, created) = await gateway.Server.Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", visual
            ? new { name = "sdk rated", model_type = "visual", rate_limit = new { per_second = perSecond, burst = 1 }, hash_banks = new[] { SdkGatewayFixture.Bank } }
            : (object)new { name = "sdk rated", model_type = "text", rate_limit = new { per_second = perSecond, burst = 1 } });
        Assert.Equal(HttpStatusCode.Created, status);
        return (created.GetProperty("project_id").GetInt64(), created.GetProperty("api_keys")[0].GetString()!);
    }
}
