using System.Text;
using System.Text.Json;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Batches;

/// <summary>The batch callback: one signed POST when every task of the batch has finished, beside the items' own callbacks.</summary>
public sealed class BatchCallbackTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    [Fact]
    public async Task A_batch_callback_arrives_once_signed_after_every_item_finished_and_lists_its_tasks_in_order()
    {
        await using var batchReceiver = await CallbackReceiver.StartAsync();
        await using var itemReceiver = await CallbackReceiver.StartAsync();
        var hive = new HiveOrleansClient(gateway.Client, new HiveOrleansClientOptions { ApiKey = gateway.Project.Key, MaxAttempts = 1 });
        var items = new[]
        {
            ModerationRequest.ForText("first of the batch") with { CallbackUrl = new Uri(itemReceiver.Url, "item") },
            ModerationRequest.ForText(""),
            ModerationRequest.ForText("second of the batch") with { CallbackUrl = new Uri(itemReceiver.Url, "item") },
            ModerationRequest.ForText("third of the batch"),
        };

        var ack = await hive.SubmitBatchNdjsonAsync(items, new Uri(batchReceiver.Url, "batch"));

        var callback = await batchReceiver.NextAsync(TimeSpan.FromSeconds(60));
        var body = Encoding.UTF8.GetBytes(callback.Body);
        Assert.True(new CallbackVerifier(gateway.Project.WebhookSecret).Verify(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body));
        Assert.False(new CallbackVerifier(gateway.OtherProject.WebhookSecret).Verify(callback.WebhookId, callback.WebhookTimestamp, callback.WebhookSignature, body));
        Assert.Equal($"batch-{ack.BatchId}-1", callback.WebhookId);
        Assert.Equal("/hook/batch", callback.Path);

        using var json = JsonDocument.Parse(callback.Body);
        var root = json.RootElement;
        Assert.Equal(ack.BatchId, root.GetProperty("batch_id").GetString());
        Assert.Equal(gateway.Project.ProjectId, root.GetProperty("project_id").GetInt64());
        Assert.Equal((4, 3, 1, 3, 0), (root.GetProperty("items").GetInt32(), root.GetProperty("accepted").GetInt32(), root.GetProperty("rejected").GetInt32(),
            root.GetProperty("succeeded").GetInt32(), root.GetProperty("failed").GetInt32()));
        Assert.Equal(
            ack.Items.Where(i => i.IsAccepted).Select(i => i.TaskId),
            root.GetProperty("task_ids").EnumerateArray().Select(i => i.GetString()));

        // When it came, every task had finished; the items' own callbacks go their own way.
        foreach (var item in ack.Items.Where(i => i.IsAccepted))
        {
            Assert.True((await hive.GetTaskAsync(item.TaskId!)).IsFinished);
        }

        var itemCallbacks = new[] { await itemReceiver.NextAsync(), await itemReceiver.NextAsync() };
        Assert.All(itemCallbacks, c => Assert.Equal("/hook/item", c.Path));

        // Delivered once: later rounds find nothing owed.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(1, batchReceiver.Count);
        Assert.Equal("finished", (await hive.GetBatchAsync(ack.BatchId)).Status);
    }

    [Fact]
    public async Task A_batch_callback_that_fails_is_retried_until_it_is_answered()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.Respond = n => n == 1 ? System.Net.HttpStatusCode.InternalServerError : System.Net.HttpStatusCode.OK;
        var hive = new HiveOrleansClient(gateway.Client, new HiveOrleansClientOptions { ApiKey = gateway.OtherProject.Key, MaxAttempts = 1 });

        var ack = await hive.SubmitBatchAsync([ModerationRequest.ForText("only one")], new Uri(receiver.Url, "retry"));

        var first = await receiver.NextAsync(TimeSpan.FromSeconds(60));
        var second = await receiver.NextAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((500, 200), (first.AnsweredWith, second.AnsweredWith));
        Assert.Equal(($"batch-{ack.BatchId}-1", $"batch-{ack.BatchId}-2"), (first.WebhookId, second.WebhookId));
        Assert.Equal(first.Body, second.Body);
    }
}
