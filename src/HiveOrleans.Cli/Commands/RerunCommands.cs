using System.Text.Json;
using System.Text.Json.Nodes;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>rerun start | show | cancel</c>: run a project's stored tasks (text, and media still stored) again under settings to try.</summary>
internal static class RerunCommands
{
    private const string Reruns = "admin/v1/reruns";

    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "rerun start",
            "Run a project's stored tasks (text, and media still stored) again under settings to try: shadow reports what would change, apply writes it (each task keeps its previous result in its history).",
            ["PROJECT_ID"],
            [
                new("mode", "MODE", "shadow (change nothing, report) or apply (write the changed results)", Required: true),
                new("since", "TIME", "the earliest submission time included, e.g. 2025-01-31T00:00:00Z (default: the project's first task)"),
                new("until", "TIME", "the submission time the window ends before (default: now)"),
                new("limit", "N", "at most this many tasks, oldest first"),
                new("callbacks", "true|false", "apply mode: send each changed task's callback again (default false)"),
                new("config", "FILE", "a JSON object of project settings to try, as 'projects update' takes them over the API"),
                new("blocklist", "A,B", "terms always flagged, comma-separated; replaces the project's list ('' for none)"),
                new("allowlist", "A,B", "terms the built-in lexicons never flag, comma-separated; replaces the project's list ('' for none)"),
                new("threshold", "HEAD=N", "lowest severity 0-3 (text) or score 0-1 (visual) reported for a class, e.g. violence=2 or general_nsfw=0.8; repeat for more", Repeatable: true),
            ],
            arguments => new ApiRequest(HttpMethod.Post, $"admin/v1/projects/{arguments.ProjectId()}/rerun", ToJson(arguments)),
            (rerun, output) => Render(rerun, output, $"Started rerun {rerun.Field("rerun_id")}; follow it with 'hiveorleans rerun show {rerun.Field("rerun_id")}'."));

        yield return new CommandDefinition(
            "rerun show",
            "Show a rerun: its status, how far it has come and the diff so far.",
            ["RERUN_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Get, $"{Reruns}/{RerunId(arguments)}"),
            (rerun, output) => Render(rerun, output, $"Rerun {rerun.Field("rerun_id")}:"));

        yield return new CommandDefinition(
            "rerun cancel",
            "Stop a running rerun; what it applied stays applied.",
            ["RERUN_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"{Reruns}/{RerunId(arguments)}/cancel"),
            (rerun, output) => Render(rerun, output, $"Rerun {rerun.Field("rerun_id")} is {rerun.Field("status")}."));
    }

    private static string RerunId(CommandArguments arguments) =>
        Guid.TryParse(arguments.Argument("RERUN_ID"), out var id)
            ? id.ToString("D")
            : throw new UsageException("RERUN_ID must be a rerun id as 'rerun start' printed it (a GUID)");

    private static JsonObject ToJson(CommandArguments arguments)
    {
        var config = ReadConfig(arguments.String("config"));
        if (arguments.CommaList("blocklist") is { } blocklist)
        {
            config["blocklist"] = new JsonArray([.. blocklist.Select(term => JsonValue.Create(term))]);
        }

        if (arguments.CommaList("allowlist") is { } allowlist)
        {
            config["allowlist"] = new JsonArray([.. allowlist.Select(term => JsonValue.Create(term))]);
        }

        if (arguments.Has("threshold"))
        {
            config["thresholds"] = ProjectFields.Thresholds(arguments.All("threshold"));
        }

        var body = new JsonObject
        {
            ["mode"] = arguments.OneOf("mode", "shadow", "apply"),
            ["config"] = config,
        };
        Put(body, "since", arguments.String("since"));
        Put(body, "until", arguments.String("until"));
        Put(body, "limit", arguments.WholeNumber("limit", minimum: 1));
        Put(body, "callbacks", arguments.TrueOrFalse("callbacks"));
        return body;
    }

    private static JsonObject ReadConfig(string? path)
    {
        if (path is null)
        {
            return [];
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read --config {path}: {ex.Message}");
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new UsageException($"--config {path} must hold a JSON object of project settings");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"--config {path} is not valid JSON: {ex.Message}");
        }
    }

    private static void Put(JsonObject body, string name, JsonNode? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    private static void Render(JsonElement rerun, TextWriter output, string headline)
    {
        output.WriteLine(headline);
        output.WriteLine();
        new KeyValueList()
            .Add("project", rerun.Field("project_id"))
            .Add("mode", rerun.Field("mode"))
            .Add("status", rerun.Field("status"))
            .Add("window", $"{rerun.Field("since")} to {rerun.Field("until")}")
            .Add("done", rerun.TryField("total", out var total) && total.ValueKind == JsonValueKind.Null
                ? $"{rerun.Field("done")} (the window is being counted)"
                : $"{rerun.Field("done")} of {rerun.Field("total")}")
            .Add("changed", rerun.Field("changed"))
            .Add("newly flagged", rerun.Field("newly_flagged"))
            .Add("cleared", rerun.Field("cleared"))
            .Add("skipped", rerun.Field("skipped"))
            .Add("media gone", rerun.Field("media_gone"))
            .Add("error", rerun.Field("error"))
            .WriteTo(output, indent: "  ");
        if (rerun.TryField("heads", out var heads) && heads.ValueKind == JsonValueKind.Array && heads.GetArrayLength() > 0)
        {
            output.WriteLine();
            var table = new TextTable("HEAD", "FROM", "TO", "DIRECTION", "TASKS");
            foreach (var head in heads.EnumerateArray())
            {
                table.Add(head.Field("head"), head.Field("from"), head.Field("to"), head.Field("direction"), head.Field("count"));
            }

            table.WriteTo(output);
        }

        if (rerun.TryField("examples", out var examples) && examples.ValueKind == JsonValueKind.Array && examples.GetArrayLength() > 0)
        {
            output.WriteLine();
            output.WriteLine("Examples:");
            foreach (var example in examples.EnumerateArray())
            {
                output.WriteLine($"  {JsonValues.Describe(example)}");
            }
        }
    }
}
