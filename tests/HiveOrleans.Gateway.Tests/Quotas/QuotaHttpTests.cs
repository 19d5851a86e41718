using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Quotas;

public sealed class QuotaHttpTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task Over_the_rate_limit_a_submission_gets_429_with_retry_after_and_nothing_is_stored()
    {
        var (id, key) = await CreateAsync(new { name = "rated", model_type = "text", rate_limit = new { per_second = 0.2, burst = 2 } });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/async")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text_data"] = $"message {i}" }),
            };
            using var response = await _client.SendAsync(request.WithToken(key));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.Contains("\"return_code\":429", body, StringComparison.Ordinal);
                Assert.Contains("rate limit of 0.2 requests per second", body, StringComparison.Ordinal);
                Assert.DoesNotContain("task_id", body, StringComparison.Ordinal);
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        await UsageEventuallyAsync(id, tasks: 2, rejected: 3);
    }

    [Fact]
    public async Task Past_the_daily_quota_a_submission_gets_429_saying_when_it_resets()
    {
        var (id, key) = await CreateAsync(new { name = "capped", model_type = "text", daily_quota = 2 });

        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(key, "sync", "one")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(key, "async", "two")).Status);
        var (status, body) = await _client.SubmitTextAsync(key, "sync", "three");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("This project's daily quota of 2 tasks is used up; it resets at 00:00 UTC.", body.GetProperty("message").GetString());
        await UsageEventuallyAsync(id, tasks: 2, rejected: 1);
    }

    private async Task<(long Id, string Key)> CreateAsync(object definition)
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", definition);
        Assert.Equal(HttpStatusCode.Created, status);
        return (created.GetProperty("project_id").GetInt64(), created.GetProperty("api_keys")[0].GetString()!);
    }

    private async Task UsageEventuallyAsync(long projectId, long tasks, long rejected)
    {
        await Eventually.UntilAsync(
            async () => (await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{projectId}/usage")).Body,
            usage => usage.GetProperty("days") is var days && days.GetArrayLength() == 1
                && days[0].GetProperty("tasks").GetInt64() == tasks && days[0].GetProperty("rejected").GetInt64() == rejected,
            TimeSpan.FromSeconds(15),
            $"usage to reach {tasks} tasks and {rejected} rejections",
            interval: TimeSpan.FromMilliseconds(200));
    }
}
