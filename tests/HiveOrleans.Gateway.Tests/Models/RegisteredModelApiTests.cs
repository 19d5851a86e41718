using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Media;
using HiveOrleans.Moderation.Nsfw;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Models;

namespace HiveOrleans.Gateway.Tests.Models;

/// <summary>
/// Operator-registered ONNX models through a real gateway on PostgreSQL: a tiny net the test writes with our ONNX
/// writer is registered by upload, verified by a probe, named by projects in <c>visual_models</c>, and its head's
/// classes come in each frame with the scores worked out by hand.
/// </summary>
public sealed class RegisteredModelApiTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _shared = Directory.CreateTempSubdirectory("hiveorleans-shared-models-").FullName;
    private GatewayServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:Models:RefreshInterval"] = "00:00:00.200",
            ["HiveOrleans:Models:SharedDirectory"] = _shared,
            ["HiveOrleans:Gateway:KeyCacheTtl"] = "00:00:00.200",
            ["HiveOrleans:Media:FetchAllowList:0"] = "127.0.0.1",
            ["HiveOrleans:Media:FetchTimeoutSeconds"] = "60",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_shared, recursive: true);
    }

    [Fact]
    public async Task A_model_on_the_shared_volume_is_registered_by_path_and_a_path_outside_it_is_refused()
    {
        var onnx = TinyImageNet.Onnx();
        Directory.CreateDirectory(Path.Combine(_shared, "colour"));
        await File.WriteAllBytesAsync(Path.Combine(_shared, "colour", "tiny.onnx"), onnx);
        var outsideFile = Path.Combine(Path.GetDirectoryName(_shared)!, $"outside-{Guid.NewGuid():N}.onnx");
        await File.WriteAllBytesAsync(outsideFile, onnx);
        var definition = ModelRegistrations.TinyDefinition("shared-colour");

        definition["path"] = $"../{Path.GetFileName(_shared)}/../{Path.GetFileName(outsideFile)}";
        var (outside, outsideBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/models", definition);
        File.Delete(outsideFile);
        Assert.Equal(HttpStatusCode.BadRequest, outside);
        Assert.Contains("'path' must name a file under the shared volume", Message(outsideBody), StringComparison.Ordinal);

        definition["path"] = "colour/missing.onnx";
        var (missing, missingBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/models", definition);
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Contains("'path': no file at", Message(missingBody), StringComparison.Ordinal);

        definition["path"] = "colour/tiny.onnx";
        var (registered, model) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/models", definition);
        Assert.True(registered == HttpStatusCode.Created, model.ToString());
        Assert.Equal(onnx.Length, model.GetProperty("content_bytes").GetInt64());

        // Stored like an upload: the same file and definition are the same version.
        var (_, uploaded) = await Client.UploadModelAsync(ModelRegistrations.TinyDefinition("shared-colour"), onnx);
        Assert.Equal(model.GetProperty("version").GetString(), uploaded.GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_registered_model_s_classes_come_in_each_frame_of_a_project_that_names_it_with_the_scores_worked_out_by_hand()
    {
        var (registered, model) = await Client.UploadModelAsync(ModelRegistrations.TinyDefinition("tiny-colour"), TinyImageNet.Onnx());
        Assert.True(registered == HttpStatusCode.Created, model.ToString());
        var version = model.GetProperty("version").GetString()!;
        Assert.Matches("^tiny-colour/onnx-[0-9a-f]{12}$", version);
        Assert.False(model.GetProperty("replaced").GetBoolean());
        Assert.Equal(["colour_red", "colour_not_red"], model.GetProperty("classes").EnumerateObject().Select(c => c.Name));

        var alone = await CreateAsync(new { name = "colour", model_type = "visual", visual_models = new[] { "tiny-colour" } });
        var withNsfw = await CreateAsync(new { name = "both", model_type = "visual", visual_models = new[] { "tiny-colour", "nsfw" } });
        var red = ModelRegistrations.SolidPng(255, 0, 0);
        var (byHandRed, byHandNotRed) = ModelRegistrations.RedByHand();

        var (status, task) = await Client.UploadAsync(alone.Key, "sync", red, "red.png", "image/png");
        Assert.True(status == HttpStatusCode.OK, task.ToString());
        Assert.Equal("0", HiveApi.StatusCode(task));
        var input = MediaApi.Response(task).GetProperty("input");
        Assert.Equal("hive-orleans-visual", input.GetProperty("model").GetString());
        Assert.Equal(version, input.GetProperty("model_version").GetString());
        var classes = ModelRegistrations.Scores(Assert.Single(MediaApi.Output(task).EnumerateArray()));
        Assert.Equal(["colour_red", "colour_not_red"], classes.Keys);
        Assert.Equal(byHandRed, classes["colour_red"], 1e-6);
        Assert.Equal(byHandNotRed, classes["colour_not_red"], 1e-6);

        // The NSFW head comes first, then the registered model's, whatever order the project named them in.
        var (_, both) = await Client.UploadAsync(withNsfw.Key, "sync", red, "red.png", "image/png");
        Assert.Equal([.. NsfwHead.Classes, "colour_red", "colour_not_red"], ModelRegistrations.Scores(Assert.Single(MediaApi.Output(both).EnumerateArray())).Keys);
        Assert.EndsWith("+" + version, MediaApi.Response(both).GetProperty("input").GetProperty("model_version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_gets_the_registered_model_s_classes_per_frame_and_their_maximum_over_frames()
    {
        await RegisterTinyAsync("tiny-colour");
        var project = await CreateAsync(new { name = "video", model_type = "visual", visual_models = new[] { "tiny-colour" }, frame_rate = 2 });
        var video = await TestMedia.TestPatternMp4Async(seconds: 2);

        var (status, task) = await Client.UploadAsync(project.Key, "sync", video, "clip.mp4", "video/mp4");

        Assert.True(status == HttpStatusCode.OK, task.ToString());
        var frames = MediaApi.Output(task).EnumerateArray().Select(ModelRegistrations.Scores).ToArray();
        Assert.Equal(4, frames.Length);
        Assert.All(frames, frame => Assert.Equal(["colour_red", "colour_not_red"], frame.Keys));
        Assert.All(frames, frame => Assert.Equal(1, frame["colour_red"] + frame["colour_not_red"], 1e-5));
        var summary = MediaApi.Response(task).GetProperty("max_over_frames").EnumerateArray()
            .ToDictionary(c => c.GetProperty("class").GetString()!, c => c.GetProperty("score").GetDouble());
        Assert.Equal(frames.Max(f => f["colour_red"]), summary["colour_red"]);
        Assert.Equal(frames.Max(f => f["colour_not_red"]), summary["colour_not_red"]);
    }

    [Fact]
    public async Task A_project_s_thresholds_may_name_the_classes_of_the_registered_models_it_runs()
    {
        await RegisterTinyAsync("tiny-colour");
        var (refused, refusedBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "x", model_type = "visual", thresholds = new { colour_red = 0.5 } });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("'thresholds' names 'colour_red'", refusedBody.ToString(), StringComparison.Ordinal);

        var project = await CreateAsync(new { name = "t", model_type = "visual", visual_models = new[] { "tiny-colour" }, thresholds = new { colour_not_red = 0.5 } });
        var (_, task) = await Client.UploadAsync(project.Key, "sync", ModelRegistrations.SolidPng(255, 0, 0), "red.png", "image/png");

        var classes = ModelRegistrations.Scores(Assert.Single(MediaApi.Output(task).EnumerateArray()));
        Assert.Equal(ModelRegistrations.RedByHand().Red, classes["colour_red"], 1e-6);
        Assert.Equal(0, classes["colour_not_red"]);
    }

    [Fact]
    public async Task Registration_refuses_bad_bytes_a_wrong_input_shape_and_a_label_count_the_output_does_not_have_with_400s_naming_the_problem()
    {
        var (bytes, bytesBody) = await Client.UploadModelAsync(ModelRegistrations.TinyDefinition("bad"), "this is not an ONNX model"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, bytes);
        Assert.Contains("ONNX Runtime could not load the model", Message(bytesBody), StringComparison.Ordinal);

        var wrongSize = ModelRegistrations.TinyDefinition("bad");
        wrongSize["preprocessing"] = new { width = 3, height = 3, layout = "nchw" };
        var (shape, shapeBody) = await Client.UploadModelAsync(wrongSize, TinyImageNet.Onnx());
        Assert.Equal(HttpStatusCode.BadRequest, shape);
        Assert.Contains("The model's input 'pixels' is Single[-1, 3, 2, 2]; the declared preprocessing gives float[N, 3, 3, 3]", Message(shapeBody), StringComparison.Ordinal);

        var wrongLayout = ModelRegistrations.TinyDefinition("bad");
        wrongLayout["preprocessing"] = new { width = 2, height = 2, layout = "nhwc" };
        var (layout, layoutBody) = await Client.UploadModelAsync(wrongLayout, TinyImageNet.Onnx());
        Assert.Equal(HttpStatusCode.BadRequest, layout);
        Assert.Contains("float[N, 2, 2, 3] (Nhwc)", Message(layoutBody), StringComparison.Ordinal);

        var (labels, labelsBody) = await Client.UploadModelAsync(ModelRegistrations.TinyDefinition("bad"), TinyImageNet.Onnx(labels: 4));
        Assert.Equal(HttpStatusCode.BadRequest, labels);
        Assert.Contains("The model's output 'scores' is Single[-1, 4]; 3 labels need float[N, 3]", Message(labelsBody), StringComparison.Ordinal);

        var badMapping = ModelRegistrations.TinyDefinition("bad");
        badMapping["classes"] = new Dictionary<string, string[]> { ["colour_purple"] = ["purple"] };
        var (mapping, mappingBody) = await Client.UploadModelAsync(badMapping, TinyImageNet.Onnx());
        Assert.Equal(HttpStatusCode.BadRequest, mapping);
        Assert.Contains("'classes.colour_purple' names 'purple', which is not one of 'labels'", Message(mappingBody), StringComparison.Ordinal);

        var (builtIn, builtInBody) = await Client.UploadModelAsync(ModelRegistrations.TinyDefinition("nsfw"), TinyImageNet.Onnx());
        Assert.Equal(HttpStatusCode.BadRequest, builtIn);
        Assert.Contains("built-in model's name", Message(builtInBody), StringComparison.Ordinal);

        var (noFile, noFileBody) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/models", ModelRegistrations.TinyDefinition("bad"));
        Assert.Equal(HttpStatusCode.BadRequest, noFile);
        Assert.Contains("needs its file", Message(noFileBody), StringComparison.Ordinal);

        var (missing, _) = await Client.AdminAsync(HttpMethod.Get, "/admin/v1/models/bad");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task A_model_file_over_64_MiB_is_413_whether_the_request_says_its_length_or_not()
    {
        var justOver = new byte[(64 * 1024 * 1024) + 1];
        var (fileOver, fileOverBody) = await Client.UploadModelAsync(ModelRegistrations.TinyDefinition("too-big"), justOver);

        var wayOver = new byte[70 * 1024 * 1024];
        using var chunked = new MultipartFormDataContent
        {
            { new StringContent(System.Text.Json.JsonSerializer.Serialize(ModelRegistrations.TinyDefinition("too-big"))), "definition" },
            { new StreamContent(new MemoryStream(wayOver)), "model", "model.onnx" },
        };
        var (streamed, _) = await RawHttp.PostAsync(_server.Address, "/admin/v1/models", $"Bearer {GatewayServer.OperatorToken}", chunked, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, fileOver);
        Assert.Contains("at most 64 MiB", Message(fileOverBody), StringComparison.Ordinal);
        Assert.Equal(413, streamed);
        var (gone, _) = await Client.AdminAsync(HttpMethod.Get, "/admin/v1/models/too-big");
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }

    [Fact]
    public async Task Projects_may_name_only_registered_models()
    {
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "x", model_type = "visual", visual_models = new[] { "nsfw", "not-registered" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'visual_models' names 'not-registered', which is not a visual model", Message(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_a_project_runs_is_not_deleted_until_the_project_lets_it_go()
    {
        await RegisterTinyAsync("tiny-colour");
        var project = await CreateAsync(new { name = "user", model_type = "visual", visual_models = new[] { "tiny-colour" } });

        var (refused, refusedBody) = await Client.AdminAsync(HttpMethod.Delete, "/admin/v1/models/tiny-colour");
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains($"in use by project(s) {project.ProjectId}", Message(refusedBody), StringComparison.Ordinal);

        var (patched, patchedBody) = await Client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{project.ProjectId}", new { visual_models = new[] { "nsfw" } });
        Assert.True(patched == HttpStatusCode.OK, patchedBody.ToString());
        var (deleted, deletedBody) = await Client.AdminAsync(HttpMethod.Delete, "/admin/v1/models/tiny-colour");
        Assert.True(deleted == HttpStatusCode.OK, deletedBody.ToString());
        Assert.True(deletedBody.GetProperty("deleted").GetBoolean());

        var (gone, _) = await Client.AdminAsync(HttpMethod.Get, "/admin/v1/models/tiny-colour");
        Assert.Equal(HttpStatusCode.NotFound, gone);
        var (again, _) = await Client.AdminAsync(HttpMethod.Delete, "/admin/v1/models/tiny-colour");
        Assert.Equal(HttpStatusCode.NotFound, again);
        var (_, list) = await Client.AdminAsync(HttpMethod.Get, "/admin/v1/models");
        Assert.Empty(list.GetProperty("models").EnumerateArray());
    }

    [Fact]
    public async Task A_task_submitted_before_its_model_was_deleted_and_run_after_fails_naming_the_model()
    {
        await RegisterTinyAsync("tiny-colour");
        var project = await CreateAsync(new { name = "late", model_type = "visual", visual_models = new[] { "tiny-colour" } });
        await using var origin = await MediaOrigin.StartAsync();
        var url = origin.Held("red.png", ModelRegistrations.SolidPng(255, 0, 0), "image/png");

        // The task is acknowledged and its download started, then held while the project lets the model go and it is deleted.
        var (accepted, ack) = await Client.SubmitUrlJsonAsync(project.Key, "async", url);
        Assert.True(accepted == HttpStatusCode.OK, ack.ToString());
        await Eventually.UntilAsync(() => Task.FromResult(origin.Requests), n => n > 0, TimeSpan.FromSeconds(20), "the task to start downloading");
        var (patched, _) = await Client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{project.ProjectId}", new { visual_models = new[] { "nsfw" } });
        Assert.Equal(HttpStatusCode.OK, patched);
        var (deleted, deletedBody) = await Client.AdminAsync(HttpMethod.Delete, "/admin/v1/models/tiny-colour");
        Assert.True(deleted == HttpStatusCode.OK, deletedBody.ToString());
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // past the silo's refresh interval (200 ms here)
        origin.Release("red.png");

        var task = await Client.WaitForFinishedAsync(project.Key, ack.GetProperty("task_id").GetString()!);
        Assert.Equal("MODEL_FAILED", HiveApi.StatusCode(task));
        Assert.Contains("'tiny-colour'", task.ToString(), StringComparison.Ordinal);
        Assert.Contains("deleted", task.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_name_again_makes_a_new_version_whose_results_are_not_taken_from_the_old_one()
    {
        var first = await RegisterTinyAsync("tiny-colour");
        var project = await CreateAsync(new { name = "p", model_type = "visual", visual_models = new[] { "tiny-colour" } });
        var red = ModelRegistrations.SolidPng(255, 0, 0);
        var (_, before) = await Client.UploadAsync(project.Key, "sync", red, "red.png", "image/png");

        // The first result is kept in the cache just after the task finishes: a later task of the same picture finds it.
        await Eventually.UntilAsync(
            async () => (await Client.UploadAsync(project.Key, "sync", red, "red.png", "image/png")).Body,
            task => task.GetProperty("from_cache").GetBoolean(),
            TimeSpan.FromSeconds(10),
            "the same picture under the same version answered from the cache");

        var remapped = ModelRegistrations.TinyDefinition("tiny-colour");
        remapped["classes"] = new Dictionary<string, string[]> { ["colour_warm"] = ["red", "green"], ["colour_cool"] = ["blue"] };
        var (replaced, second) = await Client.UploadModelAsync(remapped, TinyImageNet.Onnx());
        Assert.True(replaced == HttpStatusCode.OK, second.ToString());
        Assert.True(second.GetProperty("replaced").GetBoolean());
        Assert.NotEqual(first, second.GetProperty("version").GetString());

        // Within the silo's refresh interval the new version is the one run, and the old result is not reused.
        var after = await Eventually.UntilAsync(
            async () => (await Client.UploadAsync(project.Key, "sync", red, "red.png", "image/png")).Body,
            task => MediaApi.Response(task).GetProperty("input").GetProperty("model_version").GetString() == second.GetProperty("version").GetString(),
            TimeSpan.FromSeconds(10),
            "a task run by the new version");
        Assert.False(after.GetProperty("from_cache").GetBoolean());
        var (red1, notRed) = ModelRegistrations.RedByHand();
        var classes = ModelRegistrations.Scores(Assert.Single(MediaApi.Output(after).EnumerateArray()));
        Assert.Equal(["colour_warm", "colour_cool"], classes.Keys);
        Assert.Equal(red1 + (notRed / 2), classes["colour_warm"], 1e-6);
        Assert.NotEqual(MediaApi.Response(before).GetProperty("input").GetProperty("model_version").GetString(), MediaApi.Response(after).GetProperty("input").GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task A_registered_model_is_listed_and_shown_with_its_definition()
    {
        var version = await RegisterTinyAsync("tiny-colour");

        var (listed, list) = await Client.AdminAsync(HttpMethod.Get, "/admin/v1/models");
        var (shown, model) = await Client.AdminAsync(HttpMethod.Get, "/admin/v1/models/tiny-colour");

        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(HttpStatusCode.OK, shown);
        Assert.Equal(model.ToString(), Assert.Single(list.GetProperty("models").EnumerateArray()).ToString());
        Assert.Equal(version, model.GetProperty("version").GetString());
        Assert.Equal("onnx", model.GetProperty("kind").GetString());
        Assert.Equal("colour", model.GetProperty("head").GetString());
        Assert.Equal(TinyImageNet.Labels, model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["green", "blue"], model.GetProperty("classes").GetProperty("colour_not_red").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("nchw", model.GetProperty("preprocessing").GetProperty("layout").GetString());
        Assert.Equal(TinyImageNet.Onnx().Length, model.GetProperty("content_bytes").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, model.GetProperty("remote").ValueKind);
    }

    private async Task<string> RegisterTinyAsync(string name)
    {
        var (status, body) = await Client.UploadModelAsync(ModelRegistrations.TinyDefinition(name), TinyImageNet.Onnx());
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("version").GetString()!;
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

    private static string Message(System.Text.Json.JsonElement body) => body.GetProperty("message").GetString()!;
}
