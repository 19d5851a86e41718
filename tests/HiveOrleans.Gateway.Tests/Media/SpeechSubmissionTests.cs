using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Speech;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>
/// Speech projects through a real gateway on PostgreSQL: a voice note made by espeak-ng is uploaded, heard by
/// PocketSphinx and moderated by the text engine, and comes back in Hive's speech shape; media a project cannot
/// take is refused with 415 before anything is stored.
/// </summary>
public sealed class SpeechSubmissionTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SpokenAudio _audio = new();
    private GatewayServer _server = null!;
    private CreatedProject _speech = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString);
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "voice notes", model_type = "speech", review = "model_only" });
        Assert.True(status == HttpStatusCode.Created, $"speech project creation answered {(int)status}: {body}");
        _speech = new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        _audio.Dispose();
    }

    [Fact]
    public async Task A_threat_in_a_voice_note_is_flagged_in_hives_speech_shape()
    {
        var note = await File.ReadAllBytesAsync(await _audio.EncodedAsync(SpokenAudio.Threat, "opus", "-c:a", "libopus", "-b:a", "24k"));

        var (status, task) = await Client.UploadAsync(_speech.Key, "sync", note, "voice-note.opus", "audio/ogg");

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {task}");
        Assert.Equal("0", HiveApi.StatusCode(task));
        var response = MediaApi.Response(task);
        var input = response.GetProperty("input");
        Assert.Equal("speech", input.GetProperty("model_type").GetString());
        Assert.Equal("hive-orleans-pocketsphinx", input.GetProperty("model").GetString());
        var media = MediaApi.MediaOf(task);
        Assert.Equal("audio", media.GetProperty("type").GetString());
        Assert.Equal("audio/ogg", media.GetProperty("mimetype").GetString());
        Assert.InRange(media.GetProperty("duration").GetDouble(), 1, 3);

        var entry = Assert.Single(MediaApi.Output(task).EnumerateArray());
        var transcript = entry.GetProperty("transcript").GetString()!;
        Assert.Contains("kill", transcript, StringComparison.Ordinal);
        Assert.True(MediaApi.ClassOf(entry, "violence")!.Value.GetProperty("score").GetDouble() >= 2, entry.ToString());
        var sentence = Assert.Single(entry.GetProperty("classifications").EnumerateArray());
        Assert.Equal(transcript, sentence.GetProperty("text").GetString());
        Assert.True(MediaApi.ClassOf(sentence, "violence")!.Value.GetProperty("score").GetDouble() >= 2, sentence.ToString());
        Assert.Equal(0, sentence.GetProperty("start_char_index").GetInt32());
        Assert.Equal(transcript.Length, sentence.GetProperty("end_char_index").GetInt32());
        Assert.True(sentence.GetProperty("start_timestamp").GetDouble() < sentence.GetProperty("end_timestamp").GetDouble());

        Assert.Equal("en", response.GetProperty("language").GetString());
        Assert.Contains("violence", response.GetProperty("moderated_classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(response.GetProperty("text_filters").EnumerateArray(), hit => hit.GetProperty("value").GetString()!.Contains("kill", StringComparison.Ordinal));
        Assert.Equal(0, response.GetProperty("pii_entities").GetArrayLength());
    }

    [Fact]
    public async Task The_sound_track_of_a_video_and_an_audio_only_mp4_are_heard_as_audio()
    {
        foreach (var (file, name) in new[]
        {
            (await _audio.VideoAsync(SpokenAudio.Threat), "clip.mp4"),
            (await _audio.EncodedAsync(SpokenAudio.Threat, "mp4", "-vn", "-c:a", "aac"), "voice.mp4"),
        })
        {
            var (status, task) = await Client.UploadAsync(_speech.Key, "sync", await File.ReadAllBytesAsync(file), name, "video/mp4");

            Assert.True(status == HttpStatusCode.OK, $"{name}: {(int)status}: {task}");
            Assert.Equal("0", HiveApi.StatusCode(task));
            Assert.Equal("audio", MediaApi.MediaOf(task).GetProperty("type").GetString());
            var entry = Assert.Single(MediaApi.Output(task).EnumerateArray());
            Assert.Contains("kill", entry.GetProperty("transcript").GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pictures_sent_to_a_speech_project_and_voice_notes_sent_to_a_visual_one_are_415()
    {
        var (pictureStatus, picture) = await Client.UploadAsync(_speech.Key, "sync", TestMedia.SceneJpeg(seed: 3), "photo.jpg");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, pictureStatus);
        Assert.Contains("image/jpeg", picture.GetProperty("message").GetString());
        Assert.Contains("a speech project takes audio", picture.GetProperty("message").GetString());

        var visual = await Client.CreateVisualProjectAsync([]);
        foreach (var (file, mime) in new[]
        {
            (await _audio.WavAsync(SpokenAudio.Threat), "audio/wav"),
            (await _audio.EncodedAsync(SpokenAudio.Threat, "webm", "-vn", "-c:a", "libopus"), "audio/webm"),
            (await _audio.EncodedAsync(SpokenAudio.Threat, "mp3", "-c:a", "libmp3lame"), "audio/mpeg"),
        })
        {
            var (status, body) = await Client.UploadAsync(visual.Key, "sync", await File.ReadAllBytesAsync(file), "clip.bin", "application/octet-stream");
            Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"{mime}: {(int)status}: {body}");
            Assert.Contains(mime, body.GetProperty("message").GetString());
            Assert.Contains("a visual project takes images", body.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Text_sent_to_a_speech_project_is_400_naming_what_it_takes()
    {
        var (status, body) = await Client.SendJsonAsync(
            new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = System.Net.Http.Json.JsonContent.Create(new { text_data = "I will kill you" }) }.WithToken(_speech.Key));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("a speech project takes 'media' (a file upload) or 'url' with audio", body.GetProperty("message").GetString());
    }
}
