using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Speech;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>
/// A long recording shows how much of it has been heard while it runs, in GET and in the event stream (issue 17):
/// one model slot, so the watched task waits behind another and its whole life is seen; 5-second segments, so a
/// 20-odd-second recording reports several times.
/// </summary>
public sealed class SpeechProgressTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SpokenAudio _audio = new();
    private GatewayServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:Tasks:ModelConcurrency"] = "1",
            ["HiveOrleans:Speech:SegmentSeconds"] = "5",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        _audio.Dispose();
    }

    [Fact]
    public async Task A_long_recording_reports_the_seconds_heard_in_events_and_get_and_not_once_finished()
    {
        var key = await SpeechProjectKeyAsync();
        var recording = await File.ReadAllBytesAsync(await _audio.SequenceAsync(3, SpokenAudio.Benign, SpokenAudio.Threat, SpokenAudio.Benign, SpokenAudio.Threat));
        var seconds = (recording.Length - 44) / 32000.0;
        Assert.InRange(seconds, 16, 40);

        // Other words, so the watched task is not answered from the result cache once this one is done.
        var other = await File.ReadAllBytesAsync(await _audio.SequenceAsync(2, SpokenAudio.Threat, SpokenAudio.Benign, SpokenAudio.Threat, SpokenAudio.Benign));
        var (_, ahead) = await Client.UploadAsync(key, "async", other, "ahead.wav");
        var (_, watchedAck) = await Client.UploadAsync(key, "async", recording, "watched.wav");
        var watched = watchedAck.GetProperty("task_id").GetString()!;
        Assert.NotEqual(ahead.GetProperty("task_id").GetString(), watched);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/task/{watched}/events").WithToken(key);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var polling = PollProgressAsync(key, watched);
        var events = new List<(string Name, JsonElement Data)>();
        do
        {
            events.Add(await SseEvents.NextAsync(reader, TimeSpan.FromSeconds(60)));
        }
        while (events[^1].Name != "task");

        var statuses = events.Where(e => e.Name == "status").Select(e => e.Data).ToList();
        Assert.Equal("PENDING", statuses[0].GetProperty("status").GetString());
        var progress = statuses.Where(s => s.TryGetProperty("progress", out _)).Select(s => s.GetProperty("progress")).ToList();
        Assert.True(progress.Count >= 3, string.Join('\n', statuses));
        Assert.All(statuses.Where(s => s.TryGetProperty("progress", out _)), s => Assert.Equal("PROCESSING", s.GetProperty("status").GetString()));
        var done = progress.Select(p => p.GetProperty("done").GetDouble()).ToList();
        Assert.Equal(done.Order(), done);
        Assert.Equal(done.Count, done.Distinct().Count());
        Assert.All(done.SkipLast(1), d => Assert.Equal(0, d % 5));
        Assert.All(progress, p =>
        {
            Assert.Equal("seconds", p.GetProperty("unit").GetString());
            Assert.Equal(seconds, p.GetProperty("total").GetDouble(), 0.2);
        });

        var seen = await polling;
        Assert.Equal("PROCESSING", HiveApi.StatusCode(seen.Task));
        Assert.InRange(seen.Progress.GetProperty("done").GetDouble(), 5, seconds + 0.1);

        var finished = events[^1].Data;
        Assert.Equal("0", HiveApi.StatusCode(finished));
        Assert.False(finished.TryGetProperty("progress", out _));
        var (_, polled) = await Client.GetTaskAsync(key, $"/api/v2/task/{watched}");
        Assert.False(polled.TryGetProperty("progress", out _));
    }

    /// <summary>Polls GET until the task shows progress, and returns that task document.</summary>
    private async Task<(JsonElement Task, JsonElement Progress)> PollProgressAsync(string key, string taskId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var (status, task) = await Client.GetTaskAsync(key, $"/api/v2/task/{taskId}");
            Assert.Equal(HttpStatusCode.OK, status);
            if (task.TryGetProperty("progress", out var progress))
            {
                return (task, progress);
            }

            Assert.NotEqual("0", HiveApi.StatusCode(task));
            await Task.Delay(50);
        }

        throw new TimeoutException("GET never showed progress.");
    }

    private async Task<string> SpeechProjectKeyAsync()
    {
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "long voice notes", model_type = "speech" });
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("api_keys")[0].GetString()!;
    }
}
