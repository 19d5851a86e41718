using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Moderation.Nsfw;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>
/// The built-in NSFW classifier through a real gateway on PostgreSQL: a visual project with no configuration
/// answers with Hive's NSFW head and nsfwjs's raw classes, <c>visual_models</c> chooses the heads, and a video gets
/// classes per frame and a per-class maximum over its frames.
/// </summary>
public sealed class NsfwSubmissionTests : IAsyncLifetime
{
    private const string Bank = "known-images";
    private const string Label = "known";

    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:HashBanks:PollInterval"] = "00:00:00.200",

            // A changed project reaches the gateway's key cache within this.
            ["HiveOrleans:Gateway:KeyCacheTtl"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_visual_project_with_no_configuration_answers_an_image_with_the_nsfw_head_and_nsfwjs_classes()
    {
        var project = await CreateAsync(new { name = "plain visual", model_type = "visual" });
        var image = TestMedia.SceneJpeg(seed: 5);

        var (status, task) = await Client.UploadAsync(project.Key, "sync", image);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0", HiveApi.StatusCode(task));
        var input = MediaApi.Response(task).GetProperty("input");
        Assert.Equal("hive-orleans-visual", input.GetProperty("model").GetString());
        Assert.StartsWith("nsfwjs-4.3.0/mobilenet_v2/", input.GetProperty("model_version").GetString(), StringComparison.Ordinal);
        var frame = Assert.Single(MediaApi.Output(task).EnumerateArray());
        var classes = Scores(frame);
        Assert.Equal(NsfwHead.Classes, classes.Keys);
        Assert.False(frame.TryGetProperty("pdq", out _), "a project without hash_banks does not hash");

        // The scores are the model's on the same decoded samples: run it here and compare.
        using var model = NsfwjsModel.Load(Path.Combine(AppContext.BaseDirectory, "nsfwjs", "mobilenet_v2"), cacheDirectory: null, intraOpThreads: 1);
        var expected = NsfwHead.Scores(model.Classifier.Classify([RgbDecoder.Decode(image)])[0]);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], classes[NsfwHead.Classes[i]], 1e-6);
        }

        Assert.Equal(1.0, classes[NsfwHead.Nsfw] + classes[NsfwHead.Suggestive] + classes[NsfwHead.Neither], 1e-5);
        Assert.Equal(classes["nsfwjs_porn"] + classes["nsfwjs_hentai"], classes[NsfwHead.Nsfw], 1e-6);
        Assert.Equal(classes["nsfwjs_neutral"] + classes["nsfwjs_drawing"], classes[NsfwHead.Neither], 1e-6);

        var summary = MediaApi.Response(task).GetProperty("max_over_frames").EnumerateArray()
            .ToDictionary(c => c.GetProperty("class").GetString()!, c => c.GetProperty("score").GetDouble());
        Assert.Equal(classes, summary);
    }

    [Fact]
    public async Task Visual_models_choose_the_heads_in_each_frame()
    {
        var image = TestMedia.SceneJpeg(seed: 12);
        await _server.CreateBankAsync(Bank, Label, image);

        var both = await CreateAsync(new { name = "both", model_type = "visual", hash_banks = new[] { Bank } });
        var banksOnly = await CreateAsync(new { name = "banks", model_type = "visual", hash_banks = new[] { Bank }, visual_models = new[] { "hash_banks" } });
        var nsfwOnly = await CreateAsync(new { name = "nsfw", model_type = "visual", hash_banks = new[] { Bank }, visual_models = new[] { "nsfw" } });

        var bothClasses = await ClassesAsync(both, image);
        Assert.Equal([.. NsfwHead.Classes, "yes_" + Label], bothClasses);
        Assert.Equal(["yes_" + Label], await ClassesAsync(banksOnly, image));
        Assert.Equal(NsfwHead.Classes, await ClassesAsync(nsfwOnly, image));

        // Back to the default (null): with banks attached, both.
        var (reset, body) = await Client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{banksOnly.ProjectId}", JsonContent("""{"visual_models": null}"""));
        Assert.True(reset == HttpStatusCode.OK, body.ToString());
        Assert.Equal(["nsfw", "hash_banks"], body.GetProperty("visual_models").EnumerateArray().Select(m => m.GetString()));
        await Eventually.UntilAsync(() => ClassesAsync(banksOnly, image), classes => classes.SequenceEqual(bothClasses), TimeSpan.FromSeconds(10), "the reset project's classes");
    }

    [Fact]
    public async Task Unknown_visual_models_and_visual_models_on_text_projects_are_refused()
    {
        var (unknown, unknownBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "x", model_type = "visual", visual_models = new[] { "nsfw", "faces" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("'visual_models' names 'faces'", unknownBody.ToString(), StringComparison.Ordinal);

        var (empty, emptyBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "x", model_type = "visual", visual_models = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("names no model", emptyBody.ToString(), StringComparison.Ordinal);

        var (text, textBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "x", model_type = "text", visual_models = new[] { "nsfw" } });
        Assert.Equal(HttpStatusCode.BadRequest, text);
        Assert.Contains("visual projects only", textBody.ToString(), StringComparison.Ordinal);

        var (shape, shapeBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "x", model_type = "visual", visual_models = "nsfw" });
        Assert.Equal(HttpStatusCode.BadRequest, shape);
        Assert.Contains("'visual_models' must be an array of strings", shapeBody.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visual_project_s_thresholds_report_scores_under_them_as_zero()
    {
        var image = TestMedia.SceneJpeg(seed: 5);
        var plain = await CreateAsync(new { name = "plain", model_type = "visual" });
        var floors = new Dictionary<string, double> { ["general_not_nsfw_not_suggestive"] = 1, ["general_nsfw"] = 0 };
        var thresholded = await CreateAsync(new { name = "thresholds", model_type = "visual", thresholds = floors });

        var (_, before) = await Client.UploadAsync(plain.Key, "sync", image);
        var (_, after) = await Client.UploadAsync(thresholded.Key, "sync", image);

        var raw = Scores(Assert.Single(MediaApi.Output(before).EnumerateArray()));
        var reported = Scores(Assert.Single(MediaApi.Output(after).EnumerateArray()));
        Assert.InRange(raw[NsfwHead.Neither], 1e-9, 1 - 1e-9);
        Assert.Equal(0, reported[NsfwHead.Neither]);
        Assert.Equal(raw.Where(c => c.Key != NsfwHead.Neither), reported.Where(c => c.Key != NsfwHead.Neither));
        var (_, project) = await Client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{thresholded.ProjectId}");
        Assert.Equal(0.0, project.GetProperty("thresholds").GetProperty("general_nsfw").GetDouble());
        Assert.Equal(1.0, project.GetProperty("thresholds").GetProperty("general_not_nsfw_not_suggestive").GetDouble());
    }

    [Fact]
    public async Task A_video_gets_nsfw_classes_per_frame_and_each_class_maximum_over_its_frames()
    {
        var project = await CreateAsync(new { name = "video", model_type = "visual", frame_rate = 2 });
        var video = await TestMedia.TestPatternMp4Async(seconds: 3);

        var (status, task) = await Client.UploadAsync(project.Key, "sync", video, "clip.mp4", "video/mp4");

        Assert.True(status == HttpStatusCode.OK, task.ToString());
        var frames = MediaApi.Output(task).EnumerateArray().ToArray();
        Assert.Equal(6, frames.Length);
        Assert.All(frames, frame => Assert.Equal(NsfwHead.Classes, Scores(frame).Keys));

        // testsrc moves: its frames do not all score alike, so the maximum is a real maximum.
        Assert.True(frames.Select(f => Scores(f)["nsfwjs_drawing"]).Distinct().Count() > 1, "every frame scored the same");
        var summary = MediaApi.Response(task).GetProperty("max_over_frames").EnumerateArray().ToArray();
        Assert.Equal(NsfwHead.Classes, summary.Select(c => c.GetProperty("class").GetString()!));
        foreach (var entry in summary)
        {
            var name = entry.GetProperty("class").GetString()!;
            var max = frames.Max(f => Scores(f)[name]);
            Assert.Equal(max, entry.GetProperty("score").GetDouble());
            var first = frames.First(f => Scores(f)[name] == max).GetProperty("time").GetDouble();
            Assert.Equal(first, entry.GetProperty("time").GetDouble());
        }
    }

    private async Task<CreatedProject> CreateAsync(object definition)
    {
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", definition);
        Assert.True(status == HttpStatusCode.Created, $"project creation answered {(int)status}: {body}");
        return new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
    }

    private async Task<string[]> ClassesAsync(CreatedProject project, byte[] image)
    {
        var (status, task) = await Client.UploadAsync(project.Key, "sync", image);
        Assert.True(status == HttpStatusCode.OK, task.ToString());
        return [.. Scores(Assert.Single(MediaApi.Output(task).EnumerateArray())).Keys];
    }

    /// <summary>A frame's classes in their order, with their scores.</summary>
    private static Dictionary<string, double> Scores(JsonElement frame) =>
        frame.GetProperty("classes").EnumerateArray().ToDictionary(c => c.GetProperty("class").GetString()!, c => c.GetProperty("score").GetDouble());

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
