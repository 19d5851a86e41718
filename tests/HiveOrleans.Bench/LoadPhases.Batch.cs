using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HiveOrleans.Bench;

internal sealed partial class LoadPhases
{
    /// <summary>Lines of the measured batch (the target: 100,000 acknowledged at 10,000 items/s or more).</summary>
    public const int BatchLines = 100_000;

    private const int BatchWarmUpLines = 5_000;

    /// <summary>
    /// One NDJSON batch of <see cref="BatchLines"/> text items (the sample texts, each its own metadata) after an
    /// uncounted warm-up batch: the time from sending the first byte to the acknowledgement, items acknowledged per
    /// second, and the services' CPU over that time. Afterwards it follows the batch until every task has finished (at
    /// most <see cref="MaxDrain"/>) and notes how long that took.
    /// </summary>
    public async Task<PhaseResult> BatchAsync(string phase = "batch, 100,000 NDJSON lines")
    {
        using var batchClient = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(10) };
        await SendBatchAsync(batchClient, Ndjson(BatchWarmUpLines));

        var body = Ndjson(BatchLines);
        var latencies = new LatencyRecorder();
        var meter = ProcessMeter.Start(system.ServicePids);
        await using (meter)
        {
            var started = Stopwatch.GetTimestamp();
            var (batchId, accepted, rejected) = await SendBatchAsync(batchClient, body);
            var acknowledged = Stopwatch.GetTimestamp();
            var resources = await meter.StopAsync();
            latencies.Record(started, acknowledged);
            var seconds = Stopwatch.GetElapsedTime(started, acknowledged).TotalSeconds;

            var finishedAfter = await WaitForBatchAsync(batchClient, batchId);
            var notes = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{accepted} of {BatchLines} lines acknowledged in {seconds:0.00} s ({accepted / seconds:0} items/s), {rejected} refused, body {body.Length / (1024.0 * 1024.0):0.0} MiB; ")
                + (finishedAfter is { } after
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"every task finished {after.TotalSeconds:0.0} s after the acknowledgement ({accepted / after.TotalSeconds:0} tasks/s)")
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tasks still unfinished {MaxDrain.TotalSeconds:0} s after the acknowledgement"));
            return new PhaseResult(Mode, phase, accepted, rejected, accepted / seconds, latencies.Summarize(), resources, notes);
        }
    }

    private static byte[] Ndjson(int lines)
    {
        var text = new StringBuilder(lines * 96);
        for (var i = 0; i < lines; i++)
        {
            text.Append("{\"text_data\":").Append(JsonSerializer.Serialize(SampleTexts.For(i))).Append(",\"metadata\":\"line-").Append(i).Append("\"}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private async Task<(string BatchId, long Accepted, long Rejected)> SendBatchAsync(HttpClient batchClient, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Address, "/api/v2/task/batch")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.TryAddWithoutValidation("authorization", "token " + apiKey);
        using var response = await batchClient.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The batch was refused: {(int)response.StatusCode} {answer}");
        }

        using var json = JsonDocument.Parse(answer);
        var root = json.RootElement;
        return (root.GetProperty("batch_id").GetString()!, root.GetProperty("accepted").GetInt64(), root.GetProperty("rejected").GetInt64());
    }

    /// <summary>How long after now the batch reports every task finished; null if not within <see cref="MaxDrain"/>.</summary>
    private async Task<TimeSpan?> WaitForBatchAsync(HttpClient batchClient, string batchId)
    {
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < MaxDrain)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.Address, $"/api/v2/batch/{batchId}"));
            request.Headers.TryAddWithoutValidation("authorization", "token " + apiKey);
            using var response = await batchClient.SendAsync(request);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("status").GetString() == "finished")
            {
                return waiting.Elapsed;
            }

            await Task.Delay(1000);
        }

        return null;
    }
}
