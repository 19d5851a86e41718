using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Media;
using HiveOrleans.Tests.Ocr;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>
/// OCR through a real gateway on PostgreSQL, with the real tesseract: an <c>ocr</c> project flags a threat written on a
/// picture with its words' boxes in Hive's shape, reads a video frame by frame, checks <c>ocr_languages</c>, and a
/// visual project can add <c>"ocr"</c> to its models.
/// </summary>
public sealed class OcrSubmissionTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly VideoFiles _files = new();
    private GatewayServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task An_ocr_project_flags_a_threat_written_on_a_picture_with_the_words_boxes()
    {
        var (project, document) = await CreateAsync(new { name = "memes", model_type = "ocr" });
        Assert.Equal(["eng"], document.GetProperty("ocr_languages").EnumerateArray().Select(l => l.GetString()));
        var picture = TextPictures.Png(TextPictures.Layout.Meme, ["see you tonight", "I will kill you"]);

        var (status, task) = await Client.UploadAsync(project.Key, "sync", picture, "meme.png", "image/png");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));
        Assert.Equal("hive-orleans-ocr", MediaApi.Response(task).GetProperty("input").GetProperty("model").GetString());
        Assert.Equal(1000, MediaApi.MediaOf(task).GetProperty("width").GetInt32());
        var frame = Assert.Single(MediaApi.Output(task).EnumerateArray());
        Assert.Equal(0, frame.GetProperty("time").GetDouble());
        var blocks = frame.GetProperty("frame_results").EnumerateArray().ToList();
        var threat = Assert.Single(blocks, b => Score(b, "violence") >= 2);
        Assert.Contains("KILL", threat.GetProperty("block_text").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", threat.GetProperty("language").GetString());
        Assert.True(threat.GetProperty("end_char_index").GetInt32() > threat.GetProperty("start_char_index").GetInt32());
        foreach (var name in new[] { "text_filters", "pii_entities", "custom_classes" })
        {
            Assert.Equal(JsonValueKind.Array, threat.GetProperty(name).ValueKind);
        }

        // Each word's box: the threat is the bottom line, in the lower fifth of the 1000-pixel picture.
        var boxes = threat.GetProperty("bounding_poly").EnumerateArray().ToList();
        Assert.True(boxes.Count >= 3, $"{boxes.Count} boxes");
        foreach (var box in boxes)
        {
            var dimensions = box.GetProperty("dimensions");
            Assert.InRange(dimensions.GetProperty("top").GetInt32(), 800, 1000);
            Assert.True(dimensions.GetProperty("right").GetInt32() > dimensions.GetProperty("left").GetInt32());
            Assert.Equal(4, box.GetProperty("vertices").GetArrayLength());
            Assert.Equal("text", box.GetProperty("meta").GetProperty("label").GetString());
            Assert.InRange(box.GetProperty("meta").GetProperty("score").GetDouble(), 0, 1);
        }

        Assert.True(Score(frame, "violence") >= 2, "the frame's classes carry each head's highest over its blocks");
    }

    [Fact]
    public async Task An_ocr_project_reads_a_video_frame_by_frame_and_flags_only_the_seconds_with_the_threat()
    {
        var (project, _) = await CreateAsync(new { name = "clips", model_type = "ocr" });
        var video = await File.ReadAllBytesAsync(await TextMedia.MakeAsync(_files, "mp4"));

        var (status, task) = await Client.UploadAsync(project.Key, "sync", video, "clip.mp4", "video/mp4");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));
        var frames = MediaApi.Output(task).EnumerateArray().ToList();
        Assert.Equal(TextMedia.Seconds.Length, frames.Count);
        Assert.Equal([false, true, false, false], frames.Select(f => Score(f, "violence") >= 2));
        Assert.Empty(frames[0].GetProperty("frame_results").EnumerateArray());
        var read = string.Join(' ', frames[3].GetProperty("frame_results").EnumerateArray().Select(b => b.GetProperty("block_text").GetString()));
        Assert.True(TextPictures.Recall(TextPictures.Words(TextMedia.Seconds[3]), read.Split(' ', '\n')) >= 0.9, read);
    }

    [Fact]
    public async Task A_visual_project_with_ocr_among_its_models_gets_text_blocks_beside_its_classes()
    {
        var (project, document) = await CreateAsync(new { name = "both", model_type = "visual", visual_models = new[] { "nsfw", "ocr" } });
        Assert.Equal(["eng"], document.GetProperty("ocr_languages").EnumerateArray().Select(l => l.GetString()));
        var picture = TextPictures.Png(TextPictures.Layout.Plain, ["I will kill you"], 640, 480);

        var (status, task) = await Client.UploadAsync(project.Key, "sync", picture, "note.png", "image/png");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("hive-orleans-visual", MediaApi.Response(task).GetProperty("input").GetProperty("model").GetString());
        var frame = Assert.Single(MediaApi.Output(task).EnumerateArray());
        Assert.True(Score(frame, "general_nsfw") is >= 0 and <= 1);
        Assert.False(frame.GetProperty("classes").EnumerateArray().Any(c => c.GetProperty("class").GetString() == "violence"), "text heads stay in the blocks");
        Assert.Contains(frame.GetProperty("frame_results").EnumerateArray(), b => Score(b, "violence") >= 2);
    }

    [Theory]
    [InlineData("""{"name": "x", "model_type": "ocr", "ocr_languages": ["eng", "zzz"]}""", "'ocr_languages' names zzz, not installed on the silos; install the Debian package(s) tesseract-ocr-zzz")]
    [InlineData("""{"name": "x", "model_type": "ocr", "ocr_languages": []}""", "'ocr_languages' names 1 to 4 tesseract languages")]
    [InlineData("""{"name": "x", "model_type": "ocr", "ocr_languages": ["ENG!"]}""", "'ocr_languages' entries are tesseract language codes")]
    [InlineData("""{"name": "x", "model_type": "text", "ocr_languages": ["eng"]}""", "'ocr_languages' applies to OCR projects")]
    [InlineData("""{"name": "x", "model_type": "visual", "ocr_languages": ["eng"]}""", "'ocr_languages' applies to OCR projects")]
    public async Task Bad_ocr_languages_get_400_saying_why(string json, string messageStart)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/projects") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken);

        var (status, body) = await Client.SendJsonAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(messageStart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static double Score(JsonElement scored, string name) =>
        scored.GetProperty("classes").EnumerateArray().Where(c => c.GetProperty("class").GetString() == name).Select(c => c.GetProperty("score").GetDouble()).DefaultIfEmpty(-1).Single();

    private async Task<(CreatedProject Project, JsonElement Document)> CreateAsync(object definition)
    {
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", definition);
        Assert.True(status == HttpStatusCode.Created, $"project creation answered {(int)status}: {body}");
        var project = new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
        return (project, body);
    }
}
