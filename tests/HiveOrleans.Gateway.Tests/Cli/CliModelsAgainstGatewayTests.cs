using System.Text.Json;
using System.Text.RegularExpressions;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Models;
using HiveOrleans.Tests.Models;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary><c>hiveorleans models ...</c>, in-process, against a real gateway on PostgreSQL. Each test has its own models.</summary>
public sealed class CliModelsAgainstGatewayTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hiveorleans-cli-models-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_model_file_is_registered_listed_shown_refused_deletion_while_used_and_deleted()
    {
        var definition = ModelRegistrations.TinyDefinition("ignored");
        definition.Remove("name");
        var definitionFile = Write("tiny.json", JsonSerializer.Serialize(definition));
        var onnx = Path.Combine(_directory, "tiny.onnx");
        await File.WriteAllBytesAsync(onnx, TinyImageNet.Onnx());

        var add = await RunAsync("models", "add", "cli-colour", "--definition", definitionFile, "--file", onnx);
        add.AssertSucceeded();
        Assert.Matches(@"^Registered model cli-colour, version cli-colour/onnx-[0-9a-f]{12}\.$", add.StdoutLines[0]);
        Assert.Contains(add.StdoutLines, l => Regex.IsMatch(l, @"^classes:\s+colour_red=red, colour_not_red=green\+blue$"));

        var list = await RunAsync("models", "list");
        list.AssertSucceeded();
        Assert.Contains(list.StdoutLines, l => Regex.IsMatch(l, @"^cli-colour\s+onnx\s+cli-colour/onnx-[0-9a-f]{12}\s+colour_red=red, colour_not_red=green\+blue\s+\S+$"));

        var show = await RunJsonAsync("models", "show", "cli-colour");
        Assert.Equal(TinyImageNet.Onnx().Length, show.GetProperty("content_bytes").GetInt64());

        var project = await RunJsonAsync("projects", "create", "--name", "cli model user", "--model-type", "visual", "--visual-models", "cli-colour");
        var id = project.GetProperty("project_id").GetInt64();
        Assert.Equal(
            $"error: Model 'cli-colour' is in use by project(s) {id}; take it out of their 'visual_models' first.",
            (await RunAsync("models", "delete", "cli-colour")).AssertOneErrorLine(exitCode: 1));

        (await RunAsync("projects", "update", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--visual-models", "nsfw")).AssertSucceeded();
        var delete = await RunAsync("models", "delete", "cli-colour");
        delete.AssertSucceeded();
        Assert.Equal("Deleted model cli-colour.", delete.StdoutLines.Single());
        Assert.Equal("error: Model 'cli-colour' not found.", (await RunAsync("models", "show", "cli-colour")).AssertOneErrorLine(exitCode: 1));
    }

    [Fact]
    public async Task A_bad_model_file_is_refused_with_the_apis_message()
    {
        var definition = ModelRegistrations.TinyDefinition("ignored");
        var definitionFile = Write("bad.json", JsonSerializer.Serialize(definition));
        var onnx = Write("bad.onnx", "not a model");

        var add = await RunAsync("models", "add", "cli-bad", "--definition", definitionFile, "--file", onnx);

        Assert.StartsWith("error: The ONNX model failed verification: ONNX Runtime could not load the model", add.AssertOneErrorLine(exitCode: 1), StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(["--url", gateway.Server.Address.ToString(), "--token", GatewayServer.OperatorToken, .. args]);

    private async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--json"]);
        result.AssertSucceeded();
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}
