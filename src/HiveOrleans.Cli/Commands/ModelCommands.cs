using System.Text.Json;
using System.Text.Json.Nodes;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>models add | list | show | delete</c>: the operator-registered visual models (ONNX files and KServe v2 servers).</summary>
internal static class ModelCommands
{
    private const string Models = "admin/v1/models";

    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "models add",
            "Register a visual model (or replace the one of that name) from a JSON definition; the silo verifies it with a probe inference.",
            ["NAME"],
            [
                new("definition", "PATH", "a JSON file: kind, head, labels, classes, preprocessing, and remote for a KServe v2 server (docs/api.md)", Required: true),
                new("file", "PATH", "the ONNX file to upload (kind onnx)"),
                new("path", "PATH", "the ONNX file on the silos' shared volume instead of --file (HiveOrleans:Models:SharedDirectory)"),
            ],
            BuildAdd,
            (model, output) =>
            {
                var replaced = model.TryField("replaced", out var r) && r.ValueKind == JsonValueKind.True;
                output.WriteLine($"{(replaced ? "Replaced" : "Registered")} model {model.Field("name")}, version {model.Field("version")}.");
                output.WriteLine();
                Write(model, output);
            });

        yield return new CommandDefinition(
            "models list",
            "List the registered visual models with their versions and classes.",
            [],
            [],
            _ => new ApiRequest(HttpMethod.Get, Models),
            RenderList);

        yield return new CommandDefinition(
            "models show",
            "Show one registered model: its kind, version, labels, classes, preprocessing and server.",
            ["NAME"],
            [],
            arguments => new ApiRequest(HttpMethod.Get, $"{Models}/{Name(arguments)}"),
            Write);

        yield return new CommandDefinition(
            "models delete",
            "Delete a registered model; refused while a project names it in visual_models.",
            ["NAME"],
            [],
            arguments => new ApiRequest(HttpMethod.Delete, $"{Models}/{Name(arguments)}"),
            (answer, output) => output.WriteLine($"Deleted model {answer.Field("name")}."));
    }

    private static ApiRequest BuildAdd(CommandArguments arguments)
    {
        var definitionPath = arguments.String("definition")!;
        JsonObject body;
        try
        {
            body = JsonNode.Parse(File.ReadAllText(definitionPath)) as JsonObject
                ?? throw new UsageException($"'{definitionPath}' must hold a JSON object");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{definitionPath}': {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"'{definitionPath}' is not valid JSON: {ex.Message}");
        }

        body["name"] = arguments.Argument("NAME");
        if (arguments.String("path") is { } path)
        {
            if (arguments.Has("file"))
            {
                throw new UsageException("give either --file or --path, not both");
            }

            body["path"] = path;
        }

        if (arguments.String("file") is not { } file)
        {
            return new ApiRequest(HttpMethod.Post, Models, body);
        }

        try
        {
            return new ApiRequest(HttpMethod.Post, Models, body, new FileUpload("definition", "model", Path.GetFileName(file), File.ReadAllBytes(file)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{file}': {ex.Message}");
        }
    }

    private static string Name(CommandArguments arguments) => arguments.ModelName();

    private static void RenderList(JsonElement answer, TextWriter output)
    {
        if (!answer.TryField("models", out var models) || models.ValueKind != JsonValueKind.Array || models.GetArrayLength() == 0)
        {
            output.WriteLine("No models registered; register one with 'hiveorleans models add'.");
            return;
        }

        var table = new TextTable("NAME", "KIND", "VERSION", "CLASSES", "REGISTERED");
        foreach (var model in models.EnumerateArray())
        {
            table.Add(model.Field("name"), model.Field("kind"), model.Field("version"), Classes(model), model.Field("registered_on"));
        }

        table.WriteTo(output);
    }

    private static void Write(JsonElement model, TextWriter output)
    {
        var list = new KeyValueList()
            .Add("name", model.Field("name"))
            .Add("kind", model.Field("kind"))
            .Add("version", model.Field("version"))
            .Add("description", model.Field("description"))
            .Add("head", model.Field("head"))
            .Add("labels", model.TryField("labels", out var labels) ? string.Join(", ", labels.EnumerateArray().Select(JsonValues.Describe)) : JsonValues.Missing)
            .Add("classes", Classes(model))
            .Add("preprocessing", model.TryField("preprocessing", out var p) ? p.GetRawText() : JsonValues.Missing);
        if (model.TryField("remote", out var remote) && remote.ValueKind == JsonValueKind.Object)
        {
            list.Add("server", $"{remote.Field("base_url")} model {remote.Field("model_name")} ({remote.Field("input_name")} → {remote.Field("output_name")})")
                .Add("calls", $"timeout {remote.Field("timeout_seconds")} s, {remote.Field("retries")} retries, at most {remote.Field("max_concurrency")} at once per silo");
        }
        else
        {
            list.Add("file bytes", model.Field("content_bytes"));
        }

        list.Add("registered", model.Field("registered_on")).WriteTo(output);
    }

    /// <summary><c>weapon_gun=gun, weapon_none=none+other</c>: each class and the labels it adds up.</summary>
    private static string Classes(JsonElement model) =>
        model.TryField("classes", out var classes) && classes.ValueKind == JsonValueKind.Object
            ? string.Join(", ", classes.EnumerateObject().Select(c => $"{c.Name}={string.Join('+', c.Value.EnumerateArray().Select(JsonValues.Describe))}"))
            : JsonValues.Missing;
}
