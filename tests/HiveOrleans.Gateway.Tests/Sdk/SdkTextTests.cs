using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Sdk;

/// <summary>Text through the SDK against the real gateway: sync answers typed, async acknowledgements, live watching.</summary>
[Collection(SdkCollection.Name)]
public sealed class SdkTextTests(SdkGatewayFixture gateway)
{
    private const string Threat = "I will find you and kill you, you worthless idiot. Write to me at jo.smith@example.com, you shit.";

    [Fact]
    public async Task A_sync_text_submission_through_the_registered_typed_client_comes_back_with_typed_heads_spans_filters_and_pii()
    {
        var services = new ServiceCollection();
        services.AddHiveOrleansClient(o =>
        {
            o.BaseAddress = gateway.Server.Address;
            o.ApiKey = gateway.TextProject.Key;
        });
        await using var provider = services.BuildServiceProvider();
        var hive = provider.GetRequiredService<HiveOrleansClient>();

        var task = await hive.SubmitSyncAsync(ModerationRequest.ForText(Threat) with { Metadata = "post-1234" });

        Assert.True(task.Succeeded, $"{task.StatusCode} {task.StatusMessage}");
        Assert.True(task.IsFinished);
        Assert.Equal("SUCCESS", task.StatusMessage);
        Assert.Equal(gateway.TextProject.ProjectId, task.ProjectId);
        Assert.Equal("post-1234", task.MetadataText);
        Assert.Null(task.Error);
        Assert.False(task.FromCache);
        Assert.InRange(task.CreatedOn!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(Threat))), task.Input.Hash);
        Assert.Equal(Threat, task.Input.Text);
        Assert.Equal("text", task.Input.ModelType);
        Assert.Null(task.Input.Media);

        // The typed view says what the raw Task object says, head by head and span by span.
        Assert.True(task.Severity("violence") >= 2, $"violence {task.Severity("violence")}");
        Assert.Equal(HiveApi.Score(task.Raw, "violence"), task.Severity("violence"));
        Assert.Equal(HiveApi.Score(task.Raw, "bullying"), task.Severities["bullying"]);
        Assert.True(task.Output.Count >= 2, "one output entry per sentence");
        foreach (var entry in task.Output)
        {
            var span = Threat[entry.StartCharIndex!.Value..entry.EndCharIndex!.Value];
            Assert.False(string.IsNullOrWhiteSpace(span));
            Assert.Equal(entry.Raw.GetProperty("classes").GetArrayLength(), entry.Classes.Count);
        }

        var email = Assert.Single(task.PiiEntities, p => p.Value == "jo.smith@example.com");
        Assert.Equal("jo.smith@example.com", Threat[email.StartIndex..email.EndIndex]);
        Assert.NotEmpty(task.TextFilters);
        Assert.All(task.TextFilters, filter => Assert.Equal(filter.Value, Threat[filter.StartIndex..filter.EndIndex]));
        Assert.Equal("en", task.Language);
        Assert.Contains("violence", task.ModeratedClasses);
    }

    [Fact]
    public async Task An_async_submission_is_acknowledged_with_a_generated_idempotency_key_and_its_callback_verifies()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var hive = gateway.ClientFor(gateway.TextProject.Key);

        var ack = await hive.SubmitAsync(ModerationRequest.ForText("see you at the match tonight") with
        {
            CallbackUrl = new Uri(receiver.Url, "async"),
            Metadata = "{\"not\": \"parsed\"}",
        });

        Assert.Equal("We received your task.", ack.Message);
        Assert.StartsWith("sdk-", ack.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(new Uri(receiver.Url, "async").ToString(), ack.CallbackUrl);
        var callback = await receiver.NextAsync();
        var body = Encoding.UTF8.GetBytes(callback.Body);

        var verifier = new CallbackVerifier(gateway.TextProject.WebhookSecret);
        var task = verifier.ReadVerified(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body);
        Assert.Equal(ack.TaskId, task.Id);
        Assert.True(task.Succeeded);
        Assert.Equal("{\"not\": \"parsed\"}", task.MetadataText);

        // The key the SDK made up is a real idempotency key: submitting with it again gives the same task.
        var again = await hive.SubmitAsync(ModerationRequest.ForText("see you at the match tonight") with { IdempotencyKey = ack.IdempotencyKey });
        Assert.Equal(ack.TaskId, again.TaskId);

        // A changed body, a stale timestamp, and another project's secret all fail.
        var tampered = Encoding.UTF8.GetBytes(callback.Body.Replace("match tonight", "match tomorrow", StringComparison.Ordinal));
        Assert.False(verifier.Verify(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, tampered));
        var later = new CallbackVerifier([gateway.TextProject.WebhookSecret], timeProvider: new ClockAhead(TimeSpan.FromMinutes(6)));
        Assert.False(later.Verify(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body));
        Assert.False(new CallbackVerifier(gateway.VisualProject.WebhookSecret).Verify(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body));
    }

    [Fact]
    public async Task During_a_secret_rotation_a_callback_verifies_with_the_old_secret_and_with_the_new_one()
    {
        var project = await gateway.Server.Client.CreateProjectAsync("sdk rotation");
        var (_, rotated) = await gateway.Server.Client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/webhook-secret/rotate");
        var newSecret = rotated.GetProperty("webhook_secret").GetString()!;
        await using var receiver = await CallbackReceiver.StartAsync();
        var hive = gateway.ClientFor(project.Key);

        // Silos refresh their copy of the secrets within a few seconds; until then they sign with the old one only.
        var callback = await Eventually.UntilAsync(
            async () =>
            {
                await hive.SubmitAsync(ModerationRequest.ForText("rotate me") with { CallbackUrl = receiver.Url });
                return await receiver.NextAsync();
            },
            received => received.WebhookSignature.Split(' ').Length == 2,
            TimeSpan.FromSeconds(15),
            "a callback signed with both secrets",
            interval: TimeSpan.FromMilliseconds(500));

        var body = Encoding.UTF8.GetBytes(callback.Body);
        Assert.True(new CallbackVerifier(project.WebhookSecret).Verify(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body));
        Assert.True(new CallbackVerifier(newSecret).Verify(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body));
    }

    [Fact]
    public async Task WatchAsync_follows_a_held_task_through_its_statuses_to_the_finished_task()
    {
        var hive = gateway.ClientFor(gateway.TextProject.Key);
        var ack = await hive.SubmitAsync(ModerationRequest.ForText($"{GatedTextModel.HoldMarker} watch me"));
        await gateway.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        var events = new List<TaskEvent>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var taskEvent in hive.WatchAsync(ack.TaskId, deadline.Token))
        {
            events.Add(taskEvent);
            if (taskEvent.Status?.Status == "PROCESSING")
            {
                gateway.Gate.Release();
            }
        }

        Assert.Equal(["PROCESSING", "SUCCESS"], events.Where(e => e.Status is not null).Select(e => e.Status!.Status));
        Assert.All(events.Where(e => e.Status is not null), e => Assert.Equal(ack.TaskId, e.Status!.TaskId));
        var last = events[^1];
        Assert.True(last.IsFinal);
        Assert.Equal(ack.TaskId, last.Task!.Id);
        Assert.True(last.Task.Succeeded);
        Assert.Equal(JsonValueKind.Object, last.Task.Raw.ValueKind);
    }

    /// <summary>A clock running ahead of the real one, as a receiver sees a callback replayed later.</summary>
    private sealed class ClockAhead(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
