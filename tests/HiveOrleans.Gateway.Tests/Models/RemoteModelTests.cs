using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Media;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Models;

namespace HiveOrleans.Gateway.Tests.Models;

/// <summary>
/// Remote models through a real gateway on PostgreSQL, against a KServe v2 server the test starts on 127.0.0.1 that
/// computes the same tiny net: registration probes it, tasks are scored by it, 5xx answers are retried, a server too
/// slow fails the task, and a silo keeps no more requests open to it than the registration allows.
/// </summary>
public sealed class RemoteModelTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;
    private KServeServer _kserve = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _kserve = await KServeServer.StartAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            // More model slots than the server's bound, so the bound is what holds requests back.
            ["HiveOrleans:Tasks:ModelConcurrency"] = "6",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _kserve.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_remote_model_scores_pictures_on_the_kserve_server_as_the_net_computes_them()
    {
        var (status, model) = await RegisterAsync("remote-colour");
        Assert.True(status == HttpStatusCode.Created, model.ToString());
        Assert.Equal("remote", model.GetProperty("kind").GetString());
        Assert.Matches("^remote-colour/remote-[0-9a-f]{12}$", model.GetProperty("version").GetString());
        Assert.Equal(0, model.GetProperty("content_bytes").GetInt64());
        var project = await CreateProjectAsync("remote-colour");

        var (submitted, task) = await Client.UploadAsync(project.Key, "sync", ModelRegistrations.SolidPng(255, 0, 0), "red.png", "image/png");

        Assert.True(submitted == HttpStatusCode.OK, task.ToString());
        Assert.Equal("0", HiveApi.StatusCode(task));
        var classes = ModelRegistrations.Scores(Assert.Single(MediaApi.Output(task).EnumerateArray()));
        var (red, notRed) = ModelRegistrations.RedByHand();
        Assert.Equal(["colour_red", "colour_not_red"], classes.Keys);
        Assert.Equal(red, classes["colour_red"], 1e-6);
        Assert.Equal(notRed, classes["colour_not_red"], 1e-6);
    }

    [Fact]
    public async Task Registration_refuses_a_server_it_cannot_reach_a_wrong_input_shape_and_an_unknown_model_with_400s()
    {
        var closed = FreeTcpPort.Next();
        var (unreachable, unreachableBody) = await RegisterAsync("r", baseUrl: $"http://127.0.0.1:{closed}", retries: 0);
        Assert.Equal(HttpStatusCode.BadRequest, unreachable);
        Assert.Contains("The remote model failed verification", Message(unreachableBody), StringComparison.Ordinal);
        Assert.Contains("unreachable", Message(unreachableBody), StringComparison.Ordinal);

        var (shape, shapeBody) = await RegisterAsync("r", side: 3);
        Assert.Equal(HttpStatusCode.BadRequest, shape);
        Assert.Contains("refused the request: 400", Message(shapeBody), StringComparison.Ordinal);
        Assert.Contains("unexpected shape for input 'pixels'", Message(shapeBody), StringComparison.Ordinal);

        var (unknown, unknownBody) = await RegisterAsync("r", remoteName: "elsewhere");
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("404", Message(unknownBody), StringComparison.Ordinal);

        var (labels, labelsBody) = await RegisterAsync("r", labels: ["red", "green"]);
        Assert.Equal(HttpStatusCode.BadRequest, labels);
        Assert.Contains("gave 3 scores in 'scores' for 1 picture(s); 2 labels need 2", Message(labelsBody), StringComparison.Ordinal);

        var (missing, _) = await Client.AdminAsync(HttpMethod.Get, "/admin/v1/models/r");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task Answers_of_5xx_are_retried_and_a_server_that_does_not_answer_in_time_fails_the_task_naming_the_model()
    {
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync("retried", retries: 2, timeoutSeconds: 0.5)).Status);
        var project = await CreateProjectAsync("retried");

        _kserve.FailNext(2);
        var before = _kserve.Requests;
        var (_, recovered) = await Client.UploadAsync(project.Key, "sync", ModelRegistrations.SolidPng(255, 0, 0), "red.png", "image/png");
        Assert.True(HiveApi.StatusCode(recovered) == "0", recovered.ToString());
        Assert.Equal(3, _kserve.Requests - before);

        _kserve.Delay = TimeSpan.FromSeconds(2);
        before = _kserve.Requests;
        var (_, failed) = await Client.UploadAsync(project.Key, "sync", ModelRegistrations.SolidPng(0, 0, 255), "blue.png", "image/png");
        Assert.Equal("MODEL_FAILED", HiveApi.StatusCode(failed));
        var message = MediaApi.ErrorMessage(failed);
        Assert.Contains("The remote model 'retried' failed", message, StringComparison.Ordinal);
        Assert.Contains("failed 3 time(s); last: no answer within 0.5 s", message, StringComparison.Ordinal);
        Assert.Equal(3, _kserve.Requests - before);
    }

    [Fact]
    public async Task A_silo_keeps_no_more_requests_open_to_a_server_than_its_max_concurrency()
    {
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync("bounded", maxConcurrency: 1)).Status);
        var project = await CreateProjectAsync("bounded");
        _kserve.Delay = TimeSpan.FromMilliseconds(300);

        // Four different pictures, so none is answered from the result cache.
        var tasks = Enumerable.Range(0, 4)
            .Select(i => Client.UploadAsync(project.Key, "sync", ModelRegistrations.SolidPng((byte)(60 * i), 0, 0), $"p{i}.png", "image/png"));
        var answers = await Task.WhenAll(tasks);

        Assert.All(answers, answer => Assert.True(HiveApi.StatusCode(answer.Body) == "0", answer.Body.ToString()));
        Assert.Equal(1, _kserve.MaxOpen);
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> RegisterAsync(
        string name,
        string? baseUrl = null,
        string remoteName = "tiny",
        int side = TinyImageNet.Side,
        IReadOnlyList<string>? labels = null,
        int retries = 2,
        double timeoutSeconds = 10,
        int maxConcurrency = 4)
    {
        var definition = ModelRegistrations.TinyDefinition(name);
        definition["kind"] = "remote";
        definition["preprocessing"] = new { width = side, height = side, layout = "nchw" };
        if (labels is not null)
        {
            definition["labels"] = labels;
            definition.Remove("classes");
        }

        definition["remote"] = new
        {
            base_url = baseUrl ?? _kserve.BaseUrl.ToString(),
            model_name = remoteName,
            input_name = "pixels",
            output_name = "scores",
            timeout_seconds = timeoutSeconds,
            retries,
            max_concurrency = maxConcurrency,
        };
        return Client.AdminAsync(HttpMethod.Post, "/admin/v1/models", definition);
    }

    private async Task<CreatedProject> CreateProjectAsync(string model)
    {
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = model, model_type = "visual", visual_models = new[] { model } });
        Assert.True(status == HttpStatusCode.Created, $"project creation answered {(int)status}: {body}");
        return new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
    }

    private static string Message(System.Text.Json.JsonElement body) => body.GetProperty("message").GetString()!;
}
