using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Media;
using HiveOrleans.Tests.Models;

namespace HiveOrleans.Gateway.Tests.Models;

/// <summary>A registered model in embedded mode: its file is kept in the SQLite store, so it outlives the process.</summary>
public sealed class RegisteredModelEmbeddedTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("hiveorleans-models-embedded-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task A_model_registered_before_a_restart_classifies_after_it()
    {
        CreatedProject project;
        await using (var first = await GatewayServer.StartEmbeddedAsync(_dataDirectory))
        {
            var (registered, body) = await first.Client.UploadModelAsync(ModelRegistrations.TinyDefinition("tiny-colour"), TinyImageNet.Onnx());
            Assert.True(registered == HttpStatusCode.Created, body.ToString());
            var (created, projectBody) = await first.Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "p", model_type = "visual", visual_models = new[] { "tiny-colour" } });
            Assert.True(created == HttpStatusCode.Created, projectBody.ToString());
            project = new CreatedProject(
                projectBody.GetProperty("project_id").GetInt64(),
                [.. projectBody.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
                projectBody.GetProperty("webhook_secret").GetString()!);
        }

        await using var second = await GatewayServer.StartEmbeddedAsync(_dataDirectory);
        var (status, task) = await second.Client.UploadAsync(project.Key, "sync", ModelRegistrations.SolidPng(255, 0, 0), "red.png", "image/png");

        Assert.True(status == HttpStatusCode.OK, task.ToString());
        Assert.Equal("0", HiveApi.StatusCode(task));
        var classes = ModelRegistrations.Scores(Assert.Single(MediaApi.Output(task).EnumerateArray()));
        Assert.Equal(ModelRegistrations.RedByHand().Red, classes["colour_red"], 1e-6);
    }
}
