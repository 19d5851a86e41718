using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Tests.Callbacks;

public sealed class CallbackDeliveryTests(CallbackGatewayFixture gateway) : IClassFixture<CallbackGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task A_callback_is_signed_with_the_project_secret_and_a_changed_body_or_stale_time_fails_verification()
    {
        var project = await _client.CreateProjectAsync("signed");
        await using var receiver = await CallbackReceiver.StartAsync();
        var (_, ack) = await _client.SubmitTextAsync(project.Key, "async", "sign this", new Uri(receiver.Url, "signed").ToString());

        var callback = await receiver.NextAsync();
        var body = Encoding.UTF8.GetBytes(callback.Body);
        var now = DateTimeOffset.UtcNow;

        Assert.Equal($"{ack.GetProperty("task_id").GetString()}-1", callback.WebhookId);
        Assert.StartsWith("v1,", callback.WebhookSignature, StringComparison.Ordinal);
        Assert.True(WebhookSignature.VerifySignature(project.WebhookSecret, callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body, now));
        var tampered = Encoding.UTF8.GetBytes(callback.Body.Replace("sign this", "sign that", StringComparison.Ordinal));
        Assert.False(WebhookSignature.VerifySignature(project.WebhookSecret, callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, tampered, now));
        Assert.False(WebhookSignature.VerifySignature(project.WebhookSecret, callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body, now.AddMinutes(10)));
        Assert.False(WebhookSignature.VerifySignature(project.WebhookSecret, callback.WebhookId + "x", callback.WebhookTimestamp, callback.WebhookSignature, body, now));
        var other = await _client.CreateProjectAsync("someone else");
        Assert.False(WebhookSignature.VerifySignature(other.WebhookSecret, callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body, now));
    }

    [Fact]
    public async Task During_a_secret_rotation_a_callback_carries_signatures_for_both_secrets()
    {
        var project = await _client.CreateProjectAsync("rotating secret");
        var (_, rotated) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/webhook-secret/rotate");
        var newSecret = rotated.GetProperty("webhook_secret").GetString()!;
        await using var receiver = await CallbackReceiver.StartAsync();

        // Silos refresh their copy of the secrets within a few seconds; until then they sign with the old one only.
        var signed = await Eventually.UntilAsync(
            async () =>
            {
                await _client.SubmitTextAsync(project.Key, "async", "two signatures", receiver.Url.ToString());
                var callback = await receiver.NextAsync();
                Assert.True(SignedWith(project.WebhookSecret, callback));
                return callback;
            },
            callback => SignedWith(newSecret, callback),
            TimeSpan.FromSeconds(15),
            "a callback signed with the new secret",
            interval: TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, signed.WebhookSignature.Split(' ').Length);
    }

    [Fact]
    public async Task A_receiver_that_fails_the_first_three_times_gets_the_callback_on_the_fourth_and_every_attempt_is_recorded()
    {
        var project = await _client.CreateProjectAsync("flaky receiver");
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = n => n <= 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var (_, ack) = await _client.SubmitTextAsync(project.Key, "async", "keep trying", receiver.Url.ToString());
        var taskId = ack.GetProperty("task_id").GetString()!;

        ReceivedCallback last;
        do
        {
            last = await receiver.NextAsync();
        }
        while (last.AnsweredWith != 200);

        Assert.Equal(4, receiver.Count);
        Assert.Equal($"{taskId}-4", last.WebhookId);
        var task = await EventuallyAsync(taskId, project.Key, t => t.GetProperty("callback_succeeded").ValueKind == JsonValueKind.True);
        var attempts = task.GetProperty("callback_attempts").EnumerateArray().ToArray();
        Assert.Equal([503, 503, 503, 200], attempts.Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal(JsonValueKind.Null, task.GetProperty("callback_next_attempt").ValueKind);
    }

    [Fact]
    public async Task A_batch_callback_whose_receiver_failed_three_times_in_a_row_is_still_delivered_when_it_answers()
    {
        // Three failures in a row hold a destination's callbacks for probing; only tasks can be probes, and nothing but
        // this batch calls this receiver.
        var project = await _client.CreateProjectAsync("batch receiver down");
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = n => n <= 3 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var hive = new HiveOrleansClient(_client, new HiveOrleansClientOptions { ApiKey = project.Key, MaxAttempts = 1 });

        var ack = await hive.SubmitBatchAsync([ModerationRequest.ForText("the batch's only item")], new Uri(receiver.Url, "batch"));

        var answers = new List<int>();
        while (answers.LastOrDefault() != 200)
        {
            // Each retry comes within the check interval (2 s) and a step of the backoff (under 0.4 s).
            answers.Add((await receiver.NextAsync(TimeSpan.FromSeconds(15))).AnsweredWith);
        }

        Assert.Equal([503, 503, 503, 200], answers);
        Assert.Equal("finished", (await hive.GetBatchAsync(ack.BatchId)).Status);
    }

    [Fact]
    public async Task An_attempt_at_a_closed_port_is_recorded_as_connection_refused()
    {
        var project = await _client.CreateProjectAsync("nobody listening");
        var closed = $"http://127.0.0.1:{HiveOrleans.Tests.Infrastructure.FreeTcpPort.Next()}/hook";
        var (_, ack) = await _client.SubmitTextAsync(project.Key, "async", "is anyone there", closed);
        var taskId = ack.GetProperty("task_id").GetString()!;

        var task = await EventuallyAsync(taskId, project.Key, t => t.GetProperty("callback_attempts").GetArrayLength() > 0);

        var attempt = task.GetProperty("callback_attempts")[0];
        Assert.Equal("connection refused", attempt.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status_code").ValueKind);
    }

    [Fact]
    public async Task A_receiver_answering_410_gets_no_more_attempts()
    {
        var project = await _client.CreateProjectAsync("gone receiver");
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = _ => HttpStatusCode.Gone;
        var (_, ack) = await _client.SubmitTextAsync(project.Key, "async", "no longer wanted", receiver.Url.ToString());
        var taskId = ack.GetProperty("task_id").GetString()!;

        await receiver.NextAsync();
        var task = await EventuallyAsync(taskId, project.Key, t => t.GetProperty("callback_stopped").GetString() == "gone");

        Assert.False(task.GetProperty("callback_succeeded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("callback_next_attempt").ValueKind);
        Assert.Equal(1, task.GetProperty("callback_attempts").GetArrayLength());
        Assert.Equal(1, receiver.Count);
    }

    [Fact]
    public async Task Resend_sends_the_callback_again_saying_who_asked_and_only_for_the_owning_project()
    {
        var project = await _client.CreateProjectAsync("resend");
        var other = await _client.CreateProjectAsync("not the owner");
        await using var receiver = await CallbackReceiver.StartAsync();
        var (_, ack) = await _client.SubmitTextAsync(project.Key, "async", "send me twice", receiver.Url.ToString());
        var taskId = ack.GetProperty("task_id").GetString()!;
        using (var first = JsonDocument.Parse((await receiver.NextAsync()).Body))
        {
            Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("resent_by").ValueKind);
        }

        var (foreign, _) = await _client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{taskId}/resend").WithToken(other.Key));
        Assert.Equal(HttpStatusCode.NotFound, foreign);

        var (status, answer) = await _client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{taskId}/resend").WithToken(project.Key));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("api", answer.GetProperty("resent_by").GetString());
        using (var resent = JsonDocument.Parse((await receiver.NextAsync()).Body))
        {
            Assert.Equal("api", resent.RootElement.GetProperty("resent_by").GetString());
            Assert.False(string.IsNullOrEmpty(resent.RootElement.GetProperty("resent_on").GetString()));
        }

        var (manualStatus, _) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/tasks/{taskId}/resend");
        Assert.Equal(HttpStatusCode.OK, manualStatus);
        using var manual = JsonDocument.Parse((await receiver.NextAsync()).Body);
        Assert.Equal("manual", manual.RootElement.GetProperty("resent_by").GetString());
        Assert.Equal(3, receiver.Count);
    }

    [Fact]
    public async Task Resending_a_task_without_a_callback_url_gets_400()
    {
        var project = await _client.CreateProjectAsync("no callback");
        var (_, task) = await _client.SubmitTextAsync(project.Key, "sync", "nowhere to send");
        var (status, body) = await _client.SendJsonAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{task.GetProperty("task_id").GetString()}/resend").WithToken(project.Key));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("This task has no callback_url to send to.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Operators_see_a_projects_failing_callbacks_until_they_are_delivered()
    {
        var project = await _client.CreateProjectAsync("failing");
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = _ => HttpStatusCode.InternalServerError;
        var (_, ack) = await _client.SubmitTextAsync(project.Key, "async", "receiver is broken", receiver.Url.ToString());
        var taskId = ack.GetProperty("task_id").GetString()!;
        await receiver.NextAsync();

        var listed = await FailingEventuallyAsync(project.ProjectId, tasks => tasks.Any(t => t.GetProperty("task_id").GetString() == taskId));
        var entry = listed.Single(t => t.GetProperty("task_id").GetString() == taskId);
        Assert.Equal(500, entry.GetProperty("last_status_code").GetInt32());
        Assert.True(entry.GetProperty("attempts").GetInt32() >= 1);

        receiver.Respond = _ => HttpStatusCode.OK;
        await FailingEventuallyAsync(project.ProjectId, tasks => tasks.Length == 0);
    }

    private Task<JsonElement> EventuallyAsync(string taskId, string key, Func<JsonElement, bool> condition, [CallerArgumentExpression(nameof(condition))] string what = "") =>
        Eventually.UntilAsync(
            async () => (await _client.GetTaskAsync(key, $"/api/v2/task/{taskId}")).Body,
            condition,
            TimeSpan.FromSeconds(20),
            $"task {taskId} to satisfy {what}");

    private Task<JsonElement[]> FailingEventuallyAsync(long projectId, Func<JsonElement[], bool> condition, [CallerArgumentExpression(nameof(condition))] string what = "") =>
        Eventually.UntilAsync(
            async () =>
            {
                var (status, body) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{projectId}/failing-callbacks");
                Assert.Equal(HttpStatusCode.OK, status);
                return body.GetProperty("tasks").EnumerateArray().ToArray();
            },
            condition,
            TimeSpan.FromSeconds(20),
            $"project {projectId}'s failing callbacks to satisfy {what}");

    private static bool SignedWith(string secret, ReceivedCallback callback) =>
        WebhookSignature.VerifySignature(secret, callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, Encoding.UTF8.GetBytes(callback.Body), DateTimeOffset.UtcNow);
}
