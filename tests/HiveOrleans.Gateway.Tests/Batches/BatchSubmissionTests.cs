using System.Net;
using System.Text;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Batches;

/// <summary>Batch submission through the SDK against a real gateway on PostgreSQL.</summary>
public sealed class BatchSubmissionTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_json_batch_answers_every_item_in_order_with_its_task_or_its_own_error()
    {
        var hive = Sdk(gateway.Project.Key);
        var items = new[]
        {
            ModerationRequest.ForText("have a lovely day") with { Metadata = "first" },
            ModerationRequest.ForText("   "),
            ModerationRequest.ForUrl(new Uri("https://example.com/picture.jpg")),
            ModerationRequest.ForText("see you later") with { Metadata = new string('m', 17 * 1024) },
            ModerationRequest.ForText("a callback that is no address") with { CallbackUrl = new Uri("ftp://example.com/hook") },
            ModerationRequest.ForText("kept by its key") with { IdempotencyKey = "batch-key-1", Metadata = "sixth" },
            ModerationRequest.ForText("the last one") with { Metadata = "seventh" },
        };

        var ack = await hive.SubmitBatchAsync(items);

        Assert.Equal(7, ack.Items.Count);
        Assert.Equal(3, ack.Accepted);
        Assert.Equal(4, ack.Rejected);
        Assert.True(ack.Items[0].IsAccepted);
        Assert.Equal((400, "'text_data' is empty."), (ack.Items[1].ReturnCode!.Value, ack.Items[1].Message!));
        Assert.Equal(400, ack.Items[2].ReturnCode);
        Assert.StartsWith("'url' does not fit this project", ack.Items[2].Message, StringComparison.Ordinal);
        Assert.Equal((400, "'metadata' is over 16 KiB."), (ack.Items[3].ReturnCode!.Value, ack.Items[3].Message!));
        Assert.Equal((400, "'callback_url' must be an absolute http or https URL."), (ack.Items[4].ReturnCode!.Value, ack.Items[4].Message!));
        Assert.True(ack.Items[5].IsAccepted);
        Assert.True(ack.Items[6].IsAccepted);

        // Each accepted item is its own task of this project, finished by the model, with its own metadata.
        foreach (var (index, metadata) in new[] { (0, "first"), (5, "sixth"), (6, "seventh") })
        {
            var task = await FinishedAsync(hive, ack.Items[index].TaskId!);
            Assert.True(task.Succeeded, $"{task.StatusCode} {task.StatusMessage}");
            Assert.Equal(gateway.Project.ProjectId, task.ProjectId);
            Assert.Equal(metadata, task.MetadataText);
        }

        // The idempotency key holds across submission paths: the same key gives the same task.
        var again = await hive.SubmitAsync(ModerationRequest.ForText("kept by its key") with { IdempotencyKey = "batch-key-1" });
        Assert.Equal(ack.Items[5].TaskId, again.TaskId);

        var batch = await FinishedBatchAsync(hive, ack.BatchId);
        Assert.Equal((7, 3L, 4, 3L, 0L, 0L, 0L), (batch.Items!.Value, batch.Accepted, batch.Rejected!.Value, batch.Succeeded, batch.Failed, batch.Pending, batch.Processing));
        Assert.Equal(gateway.Project.ProjectId, batch.ProjectId);
    }

    [Fact]
    public async Task An_ndjson_batch_of_20000_lines_lands_as_tasks_with_an_error_for_each_bad_line()
    {
        var hive = Sdk(gateway.Project.Key);
        const int Lines = 20_000;

        // Every 1,000th line is broken JSON, every 1,000th from the 500th is an object with no text: 40 bad lines.
        var body = new StringBuilder();
        for (var i = 0; i < Lines; i++)
        {
            body.Append(i % 1000 == 999 ? "{\"text_data\": \"cut" : i % 1000 == 499 ? "{\"metadata\": \"no text\"}" : $"{{\"text_data\": \"message {i}\", \"metadata\": \"m{i}\"}}").Append('\n');
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/batch")
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"),
        };
        using var response = await gateway.Client.SendAsync(request.WithToken(gateway.Project.Key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = BatchAcknowledgementOf(await response.Content.ReadAsStringAsync());

        Assert.Equal(Lines, ack.Items.Count);
        Assert.Equal(Lines - 40, ack.Accepted);
        for (var i = 0; i < Lines; i++)
        {
            var item = ack.Items[i];
            if (i % 1000 == 999)
            {
                Assert.Equal(400, item.ReturnCode);
                Assert.StartsWith($"Item {i + 1} is not valid JSON", item.Message, StringComparison.Ordinal);
            }
            else if (i % 1000 == 499)
            {
                Assert.Equal((400, "One of 'media', 'url' or 'text_data' is required."), (item.ReturnCode!.Value, item.Message!));
            }
            else
            {
                Assert.True(item.IsAccepted, $"line {i + 1}: {item.Message}");
            }
        }

        // Every accepted item is a stored row of this project, and the batch lists exactly them.
        var accepted = ack.Items.Where(i => i.IsAccepted).Select(i => Guid.Parse(i.TaskId!)).ToArray();
        await using (var connection = new NpgsqlConnection(gateway.ConnectionString))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM hive_task WHERE task_id = ANY($1) AND project_id = $2 AND state IS NOT NULL", connection);
            count.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = accepted });
            count.Parameters.Add(new NpgsqlParameter<long> { TypedValue = gateway.Project.ProjectId });
            Assert.Equal((long)accepted.Length, (long)(await count.ExecuteScalarAsync())!);
        }

        var progress = await hive.GetBatchAsync(ack.BatchId);
        Assert.Equal((Lines, (long)accepted.Length, 40), (progress.Items!.Value, progress.Accepted, progress.Rejected!.Value));
        var sample = await FinishedAsync(hive, ack.Items[12_345].TaskId!);
        Assert.True(sample.Succeeded, $"{sample.StatusCode} {sample.StatusMessage}");
        Assert.Equal("message 12345", sample.Input.Text);
        Assert.Equal("m12345", sample.MetadataText);
    }

    [Fact]
    public async Task The_sdk_streams_ndjson_from_an_async_sequence()
    {
        var hive = Sdk(gateway.Project.Key);

        var ack = await hive.SubmitBatchNdjsonAsync(Generate(300));

        Assert.Equal(300, ack.Accepted);
        Assert.All(ack.Items, item => Assert.True(item.IsAccepted, item.Message));
        var last = await FinishedAsync(hive, ack.Items[^1].TaskId!);
        Assert.Equal("streamed 299", last.Input.Text);

        static async IAsyncEnumerable<ModerationRequest> Generate(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
                yield return ModerationRequest.ForText($"streamed {i}");
            }
        }
    }

    [Fact]
    public async Task The_quota_counts_each_item_so_items_past_it_get_429_and_the_rest_are_stored()
    {
        var (status, created) = await gateway.Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "capped batch", model_type = "text", daily_quota = 3 });
        Assert.Equal(HttpStatusCode.Created, status);
        var hive = Sdk(created.GetProperty("api_keys")[0].GetString()!);

        var ack = await hive.SubmitBatchAsync(Enumerable.Range(0, 5).Select(i => ModerationRequest.ForText($"capped {i}")));

        Assert.Equal(3, ack.Accepted);
        Assert.True(ack.Items.Take(3).All(i => i.IsAccepted));
        Assert.All(ack.Items.Skip(3), item =>
        {
            Assert.Equal(429, item.ReturnCode);
            Assert.Equal("This project's daily quota of 3 tasks is used up; it resets at 00:00 UTC.", item.Message);
        });
        var batch = await hive.GetBatchAsync(ack.BatchId);
        Assert.Equal(3, batch.Accepted);
    }

    [Fact]
    public async Task Another_projects_key_gets_404_for_a_batch_and_so_does_an_unknown_id()
    {
        var ack = await Sdk(gateway.Project.Key).SubmitBatchAsync([ModerationRequest.ForText("mine")]);
        var other = Sdk(gateway.OtherProject.Key);

        var foreign = await Assert.ThrowsAsync<HiveOrleansException>(() => other.GetBatchAsync(ack.BatchId));
        var unknown = await Assert.ThrowsAsync<HiveOrleansException>(() => other.GetBatchAsync(Guid.NewGuid().ToString()));
        var malformed = await Assert.ThrowsAsync<HiveOrleansException>(() => other.GetBatchAsync("not-a-batch"));

        Assert.All(new[] { foreign, unknown, malformed }, e => Assert.Equal((404, "Batch not found."), (e.ReturnCode, e.Message)));
    }

    [Theory]
    [InlineData("application/json", "{\"text_data\": \"one\"}", 400, "The JSON body must be an array of items")]
    [InlineData("application/json", "[{\"text_data\": ", 400, "The request body is not valid JSON")]
    [InlineData("application/json", "[]", 400, "The batch has no items.")]
    [InlineData("text/plain", "hello", 415, "Content type 'text/plain; charset=utf-8' is not supported for a batch")]
    public async Task A_request_that_is_no_batch_at_all_is_refused_whole(string contentType, string body, int status, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/batch")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType.Split(';')[0]),
        };
        if (contentType == "application/json")
        {
            request.Content.Headers.ContentType = new("application/json");
        }

        var (code, json) = await gateway.Client.SendJsonAsync(request.WithToken(gateway.Project.Key));

        Assert.Equal(status, (int)code);
        Assert.StartsWith(message, json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_batch_over_1000_items_is_refused_413_and_nothing_is_stored()
    {
        var hive = Sdk(gateway.OtherProject.Key);

        var refused = await Assert.ThrowsAsync<HiveOrleansException>(() => hive.SubmitBatchAsync(Enumerable.Range(0, 1001).Select(i => ModerationRequest.ForText($"too many {i}"))));

        Assert.Equal(413, refused.ReturnCode);
        Assert.StartsWith("The batch has 1001 items; a JSON body takes at most 1000.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_without_a_key_is_refused_like_any_submission()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/batch") { Content = new StringContent("[]", Encoding.UTF8, "application/json") };

        var (status, body) = await gateway.Client.SendJsonAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Invalid Auth Method.", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private HiveOrleansClient Sdk(string key) => new(gateway.Client, new HiveOrleansClientOptions { ApiKey = key, MaxAttempts = 1 });

    private static BatchAcknowledgement BatchAcknowledgementOf(string json)
    {
        var parsed = System.Text.Json.JsonDocument.Parse(json).RootElement;
        return new BatchAcknowledgement
        {
            BatchId = parsed.GetProperty("batch_id").GetString()!,
            Accepted = parsed.GetProperty("accepted").GetInt32(),
            Rejected = parsed.GetProperty("rejected").GetInt32(),
            Items = [.. parsed.GetProperty("items").EnumerateArray().Select(i => i.TryGetProperty("error", out var e)
                ? new BatchItemResult { ReturnCode = e.GetProperty("return_code").GetInt32(), Message = e.GetProperty("message").GetString() }
                : new BatchItemResult { TaskId = i.GetProperty("task_id").GetString() })],
        };
    }

    internal static async Task<TaskResult> FinishedAsync(HiveOrleansClient hive, string taskId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var task = await hive.GetTaskAsync(taskId, cancellationToken: deadline.Token);
            if (task.IsFinished)
            {
                return task;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    internal static async Task<BatchStatus> FinishedBatchAsync(HiveOrleansClient hive, string batchId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var batch = await hive.GetBatchAsync(batchId, deadline.Token);
            if (batch.IsFinished)
            {
                return batch;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
