using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Pdq;
using SkiaSharp;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>
/// Media in through a real gateway on PostgreSQL: uploads, URL downloads from a loopback origin (allow-listed, as an
/// operator would), the PDQ bank matcher's output, the result cache, and every refusal the contract lists.
/// </summary>
public sealed class MediaSubmissionTests : IAsyncLifetime
{
    private const string Bank = "spam-images";
    private const string Label = "spam_image";

    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;
    private MediaOrigin _origin = null!;
    private CreatedProject _project = null!;
    private byte[] _banked = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:Media:FetchAllowList:0"] = "127.0.0.1",
            ["HiveOrleans:Media:FetchTimeoutSeconds"] = "2",
            ["HiveOrleans:HashBanks:PollInterval"] = "00:00:00.200",
        });
        _origin = await MediaOrigin.StartAsync();
        _banked = TestMedia.SceneJpeg(seed: 11);
        await _server.CreateBankAsync(Bank, Label, _banked);
        _project = await Client.CreateVisualProjectAsync([Bank]);
    }

    public async Task DisposeAsync()
    {
        await _origin.DisposeAsync();
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_uploaded_banked_image_matches_with_its_distance_hash_and_media_details()
    {
        var (status, task) = await Client.UploadAsync(_project.Key, "sync", _banked, "holiday.jpg");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));
        var frame = Assert.Single(MediaApi.Output(task).EnumerateArray());
        Assert.Equal(0, frame.GetProperty("time").GetDouble());
        var yes = MediaApi.ClassOf(frame, "yes_" + Label) ?? throw new InvalidOperationException($"no yes_{Label} in {frame}");
        Assert.Equal(1.0, yes.GetProperty("score").GetDouble());
        Assert.InRange(yes.GetProperty("distance").GetInt32(), 0, 31);
        var pdq = frame.GetProperty("pdq");
        Assert.Matches("^[0-9a-f]{64}$", pdq.GetProperty("hash").GetString());
        Assert.True(pdq.GetProperty("quality").GetInt32() >= 50);
        var match = Assert.Single(frame.GetProperty("matches").EnumerateArray());
        Assert.Equal(Bank, match.GetProperty("bank").GetString());

        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(_banked)), MediaApi.InputHash(task));
        var media = MediaApi.MediaOf(task);
        Assert.Equal("image", media.GetProperty("type").GetString());
        Assert.Equal("image/jpeg", media.GetProperty("mimetype").GetString());
        Assert.Equal("holiday.jpg", media.GetProperty("filename").GetString());
        Assert.Equal(640, media.GetProperty("width").GetInt32());
        Assert.Equal(480, media.GetProperty("height").GetInt32());
        Assert.Equal(1, media.GetProperty("num_frames").GetInt32());
    }

    [Fact]
    public async Task Edited_copies_of_a_banked_image_match_and_an_unrelated_image_does_not()
    {
        using var original = SyntheticImages.Scene(seed: 11);
        using var resized = SyntheticImages.Resize(original, 0.5);
        using var cropped = SyntheticImages.Crop(original, 0.01, 0.01, 0.01, 0.01);
        using var adjusted = SyntheticImages.BrightnessContrast(original, 20, 1.15);
        var copies = new Dictionary<string, byte[]>
        {
            ["resized"] = TestMedia.Png(resized),
            ["jpeg-50"] = TestMedia.Jpeg(original, quality: 50),
            ["cropped"] = TestMedia.Jpeg(cropped),
            ["colour-adjusted"] = TestMedia.Jpeg(adjusted),
        };

        foreach (var (edit, bytes) in copies)
        {
            var (status, task) = await Client.UploadAsync(_project.Key, "sync", bytes, edit);
            Assert.Equal(HttpStatusCode.OK, status);
            var frame = MediaApi.Output(task)[0];
            Assert.True(MediaApi.ClassOf(frame, "yes_" + Label) is not null, $"the {edit} copy did not match: {frame}");
        }

        var (_, unrelated) = await Client.UploadAsync(_project.Key, "sync", TestMedia.SceneJpeg(seed: 99));
        var other = MediaApi.Output(unrelated)[0];
        Assert.Equal(0.0, MediaApi.ClassOf(other, "no_" + Label)!.Value.GetProperty("score").GetDouble());
        Assert.Empty(other.GetProperty("matches").EnumerateArray());
    }

    [Fact]
    public async Task A_url_is_downloaded_from_json_and_urlencoded_submissions_and_the_same_content_comes_from_the_cache()
    {
        var picture = TestMedia.SceneJpeg(seed: 21);
        var url = _origin.Serve("picture.jpg", picture, "image/jpeg");

        var (status, first) = await Client.SubmitUrlJsonAsync(_project.Key, "sync", url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(first));
        Assert.False(first.GetProperty("from_cache").GetBoolean());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(picture)), MediaApi.InputHash(first));
        Assert.Equal(url.ToString(), MediaApi.MediaOf(first).GetProperty("url").GetString());
        Assert.Equal("picture.jpg", MediaApi.MediaOf(first).GetProperty("filename").GetString());

        var (_, second) = await Client.SubmitUrlFormAsync(_project.Key, "sync", url);
        Assert.Equal("0", HiveApi.StatusCode(second));
        Assert.True(second.GetProperty("from_cache").GetBoolean());

        // The same bytes uploaded: same hash, same project and configuration, so the stored result answers.
        var (_, uploaded) = await Client.UploadAsync(_project.Key, "sync", picture);
        Assert.True(uploaded.GetProperty("from_cache").GetBoolean());
        Assert.Equal(MediaApi.Output(first)[0].GetProperty("pdq").GetProperty("hash").GetString(), MediaApi.Output(uploaded)[0].GetProperty("pdq").GetProperty("hash").GetString());
    }

    [Fact]
    public async Task A_cached_result_is_not_reused_once_the_projects_bank_changed()
    {
        var picture = TestMedia.SceneJpeg(seed: 31);
        var (_, before) = await Client.UploadAsync(_project.Key, "sync", picture);
        Assert.NotNull(MediaApi.ClassOf(MediaApi.Output(before)[0], "no_" + Label));

        await _server.AddToBankAsync(Bank, Label, picture);
        var (_, after) = await Client.UploadAsync(_project.Key, "sync", picture);

        Assert.False(after.GetProperty("from_cache").GetBoolean());
        Assert.NotNull(MediaApi.ClassOf(MediaApi.Output(after)[0], "yes_" + Label));
    }

    [Fact]
    public async Task The_type_is_sniffed_from_the_bytes_and_a_type_the_model_cannot_take_is_415()
    {
        using var bitmap = SyntheticImages.Scene(seed: 41, 200, 150);
        var (status, task) = await Client.UploadAsync(_project.Key, "sync", TestMedia.Png(bitmap), "lies.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("image/png", MediaApi.MediaOf(task).GetProperty("mimetype").GetString());

        var (pdfStatus, pdf) = await Client.UploadAsync(_project.Key, "sync", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), "picture.jpg");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, pdfStatus);
        Assert.Contains("visual project takes", pdf.GetProperty("message").GetString());

        var wav = new byte[64];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        var (wavStatus, wavBody) = await Client.UploadAsync(_project.Key, "sync", wav, "clip.jpg");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wavStatus);
        Assert.Contains("audio/wav", wavBody.GetProperty("message").GetString());

        // An MP4 whose brand says video but whose only track is sound (its track list written last, as ffmpeg does).
        var soundOnly = await TestMedia.FfmpegAsync("mp4", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac");
        var (mp4Status, mp4Body) = await Client.UploadAsync(_project.Key, "sync", soundOnly, "voice.mp4");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, mp4Status);
        Assert.Contains("MP4 audio (audio/mp4)", mp4Body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bad_media_submissions_get_the_documented_errors()
    {
        var small = await Client.CreateVisualProjectAsync([Bank], maxBodyBytes: 64 * 1024);
        var big = TestMedia.SceneJpeg(seed: 51, quality: 100);
        Assert.True(big.Length > 64 * 1024);
        var (tooLarge, tooLargeBody) = await Client.UploadAsync(small.Key, "sync", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Contains("65536", tooLargeBody.GetProperty("message").GetString());

        var (textStatus, textBody) = await Client.SubmitTextAsync(_project.Key, "sync", "hello");
        Assert.Equal(HttpStatusCode.BadRequest, textStatus);
        Assert.Contains("'text_data' does not fit", textBody.GetProperty("message").GetString());

        var textProject = await Client.CreateProjectAsync("text");
        var (mediaStatus, mediaBody) = await Client.UploadAsync(textProject.Key, "sync", _banked);
        Assert.Equal(HttpStatusCode.BadRequest, mediaStatus);
        Assert.Contains("'media' does not fit", mediaBody.GetProperty("message").GetString());

        var (ftpStatus, _) = await Client.SubmitUrlJsonAsync(_project.Key, "sync", new Uri("ftp://127.0.0.1/x.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, ftpStatus);

        var (emptyStatus, _) = await Client.UploadAsync(_project.Key, "sync", []);
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
    }

    [Theory]
    [InlineData("in the media")]
    [InlineData("in a field")]
    public async Task A_multipart_body_cut_off_before_its_closing_boundary_is_400(string where)
    {
        var head = "--cut\r\nContent-Disposition: form-data; name=\"media\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"u8.ToArray();
        byte[] body = where switch
        {
            // Past the sniffed header, so the media store is already writing when the body runs out.
            "in the media" => [.. head, .. _banked.AsSpan(0, _banked.Length / 2)],
            _ => [.. "--cut\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\npost-12"u8],
        };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        var (status, answer) = await Client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = content }.WithToken(_project.Key));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The multipart/form-data body ended before its closing boundary; send the whole body.", answer.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Download_failures_finish_the_task_with_FETCH_FAILED_and_the_reason()
    {
        var small = await Client.CreateVisualProjectAsync([Bank], maxBodyBytes: 256 * 1024);
        var cases = new (string Name, CreatedProject Project, Uri Url, string Code, string Reason)[]
        {
            ("missing", _project, new Uri(_origin.Root, "files/none.jpg"), "FETCH_FAILED", "404"),
            ("slow", _project, _origin.Slow(bytes: 1000, TimeSpan.FromMilliseconds(100)), "FETCH_FAILED", "2 s"),
            ("oversized", small, _origin.Endless(2L * 1024 * 1024), "FETCH_FAILED", "limit"),
            ("private redirect", _project, _origin.RedirectTo(new Uri("http://10.0.0.1/x.jpg")), "FETCH_FAILED", "private"),
            ("link-local redirect", _project, _origin.RedirectTo(new Uri("http://169.254.169.254/latest/meta-data")), "FETCH_FAILED", "169.254.169.254"),
            ("not media", _project, _origin.Serve("page.jpg", Encoding.UTF8.GetBytes("<html><body>hi</body></html>"), "image/jpeg"), "UNSUPPORTED_MEDIA", "visual project takes"),
        };

        foreach (var (name, project, url, code, reason) in cases)
        {
            var (status, ack) = await Client.SubmitUrlJsonAsync(project.Key, "async", url);
            Assert.Equal(HttpStatusCode.OK, status);
            var task = await Client.WaitForFinishedAsync(project.Key, ack.GetProperty("task_id").GetString()!, TimeSpan.FromSeconds(30));
            Assert.True(HiveApi.StatusCode(task) == code, $"{name}: {task}");
            Assert.Contains(reason, MediaApi.ErrorMessage(task), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_thirty_second_video_gives_thirty_frames_and_pages_by_frame()
    {
        var video = await TestMedia.TestPatternMp4Async(seconds: 30);
        var (status, task) = await Client.UploadAsync(_project.Key, "sync", video, "clip.mp4", "video/mp4");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));
        var frames = MediaApi.Output(task).EnumerateArray().ToArray();
        Assert.Equal(30, frames.Length);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (double)i), frames.Select(f => f.GetProperty("time").GetDouble()));
        Assert.All(frames, f => Assert.NotNull(MediaApi.ClassOf(f, "no_" + Label)));
        var media = MediaApi.MediaOf(task);
        Assert.Equal("video", media.GetProperty("type").GetString());
        Assert.Equal(30, media.GetProperty("num_frames").GetInt32());
        Assert.InRange(media.GetProperty("duration").GetDouble(), 29.5, 30.5);

        var id = task.GetProperty("task_id").GetString();
        var (_, page) = await Client.GetTaskAsync(_project.Key, $"/api/v2/task/{id}?frame_offset=10&frame_limit=5");
        Assert.Equal([10.0, 11, 12, 13, 14], MediaApi.Output(page).EnumerateArray().Select(f => f.GetProperty("time").GetDouble()));
    }

    [Fact]
    public async Task A_callback_carries_every_frame_while_a_get_pages_them()
    {
        var project = await Client.CreateVisualProjectAsync([Bank], frameRate: 10);
        var video = await TestMedia.TestPatternMp4Async(seconds: 25);
        await using var receiver = await CallbackReceiver.StartAsync();

        var (status, ack) = await Client.UploadAsync(project.Key, "async", video, "long.mp4", "video/mp4", new Uri(receiver.Url, "frames").ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        var callback = await receiver.NextAsync(TimeSpan.FromSeconds(60));

        using var posted = System.Text.Json.JsonDocument.Parse(callback.Body);
        Assert.Equal(250, MediaApi.Output(posted.RootElement).GetArrayLength());
        var (_, fetched) = await Client.GetTaskAsync(project.Key, $"/api/v2/task/{ack.GetProperty("task_id").GetString()}");
        Assert.Equal(200, MediaApi.Output(fetched).GetArrayLength());
        Assert.Equal(250, MediaApi.MediaOf(fetched).GetProperty("num_frames").GetInt32());
    }

    [Fact]
    public async Task An_animated_gif_is_sampled_at_the_projects_frame_rate()
    {
        var project = await Client.CreateVisualProjectAsync([Bank], frameRate: 2);
        var gif = await TestMedia.TestPatternGifAsync(seconds: 3);
        var (status, task) = await Client.UploadAsync(project.Key, "sync", gif, "loop.gif", "image/gif");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("gif", MediaApi.MediaOf(task).GetProperty("type").GetString());
        Assert.Equal([0.0, 0.5, 1, 1.5, 2, 2.5], MediaApi.Output(task).EnumerateArray().Select(f => f.GetProperty("time").GetDouble()));
    }
}
