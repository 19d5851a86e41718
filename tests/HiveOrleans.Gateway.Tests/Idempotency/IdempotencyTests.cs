using System.Net;
using System.Net.Http.Json;
using HiveOrleans.Gateway.Tests.Callbacks;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Idempotency;

public sealed class IdempotencyTests(CallbackGatewayFixture gateway) : IClassFixture<CallbackGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_task_with_no_second_charge_or_callback()
    {
        var project = await _client.CreateProjectAsync("idempotent");
        await using var receiver = await CallbackReceiver.StartAsync();

        var (firstStatus, first) = await SubmitAsync(project.Key, "async", "original text", "order-1", receiver.Url.ToString());
        await receiver.NextAsync();
        var (againStatus, again) = await SubmitAsync(project.Key, "async", "a retry with other text", "order-1", receiver.Url.ToString());
        var (syncStatus, sync) = await SubmitAsync(project.Key, "sync", "and once more, sync", "order-1", receiver.Url.ToString());

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(HttpStatusCode.OK, syncStatus);
        var taskId = first.GetProperty("task_id").GetString();
        Assert.Equal(taskId, again.GetProperty("task_id").GetString());
        Assert.Equal(taskId, sync.GetProperty("task_id").GetString());
        Assert.Equal("original text", sync.GetProperty("status")[0].GetProperty("response").GetProperty("input").GetProperty("text").GetString());

        var (_, fresh) = await SubmitAsync(project.Key, "async", "another order", "order-2", receiver.Url.ToString());
        Assert.NotEqual(taskId, fresh.GetProperty("task_id").GetString());
        await receiver.NextAsync();

        // Two tasks were made and two callbacks sent; the usage ledger agrees.
        await Eventually.UntilAsync(
            async () => (await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{project.ProjectId}/usage")).Body,
            usage => usage.GetProperty("days") is var days && days.GetArrayLength() == 1 && days[0].GetProperty("tasks").GetInt64() == 2,
            TimeSpan.FromSeconds(15),
            "usage to show two tasks",
            interval: TimeSpan.FromMilliseconds(200));

        Assert.Equal(2, receiver.Count);
    }

    [Fact]
    public async Task Idempotency_keys_are_scoped_to_their_project()
    {
        var one = await _client.CreateProjectAsync("one");
        var two = await _client.CreateProjectAsync("two");
        var (_, a) = await SubmitAsync(one.Key, "async", "same key", "shared", null);
        var (_, b) = await SubmitAsync(two.Key, "async", "same key", "shared", null);
        Assert.NotEqual(a.GetProperty("task_id").GetString(), b.GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task An_overlong_idempotency_key_gets_400()
    {
        var project = await _client.CreateProjectAsync("long key");
        var (status, body) = await SubmitAsync(project.Key, "async", "text", new string('k', 256), null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'idempotency_key' must be 1 to 255 characters.", body.GetProperty("message").GetString());
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> SubmitAsync(string key, string mode, string text, string idempotencyKey, string? callbackUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{mode}")
        {
            Content = JsonContent.Create(new { text_data = text, idempotency_key = idempotencyKey, callback_url = callbackUrl }),
        };
        return _client.SendJsonAsync(request.WithToken(key));
    }
}
