using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Batches;

/// <summary>Batch submission in embedded mode: the same path on SQLite, its chunks and counts in the same file.</summary>
public sealed class BatchEmbeddedTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("hiveorleans-batch-embedded-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task An_ndjson_batch_on_sqlite_is_stored_run_and_counted()
    {
        await using var server = await GatewayServer.StartEmbeddedAsync(_dataDirectory);
        var project = await server.Client.CreateProjectAsync("embedded batch");
        var hive = new HiveOrleansClient(server.Client, new HiveOrleansClientOptions { ApiKey = project.Key, MaxAttempts = 1 });

        var ack = await hive.SubmitBatchNdjsonAsync(
            Enumerable.Range(0, 1_200).Select(i => i == 7 ? ModerationRequest.ForText(" ") : ModerationRequest.ForText($"embedded {i}")));

        Assert.Equal((1_199, 1), (ack.Accepted, ack.Rejected));
        Assert.Equal(400, ack.Items[7].ReturnCode);
        var batch = await BatchSubmissionTests.FinishedBatchAsync(hive, ack.BatchId);
        Assert.Equal((1_200, 1_199L, 1, 1_199L, 0L), (batch.Items!.Value, batch.Accepted, batch.Rejected!.Value, batch.Succeeded, batch.Failed));
        var task = await hive.GetTaskAsync(ack.Items[1_000].TaskId!);
        Assert.Equal("embedded 1000", task.Input.Text);
    }
}
