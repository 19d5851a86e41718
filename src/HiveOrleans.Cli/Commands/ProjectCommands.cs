using System.Text.Json;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>projects create | list | show | update | disable | enable</c>.</summary>
internal static class ProjectCommands
{
    private const string Projects = "admin/v1/projects";

    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "projects create",
            "Create a project. Prints its two API keys and its webhook secret, which are shown only this once.",
            [],
            [
                new("name", "NAME", "a display name", Required: true),
                new("model-type", "TYPE", "the kind of model the project serves, e.g. text", Required: true),
                .. ProjectFields.Settings,
            ],
            arguments => new ApiRequest(HttpMethod.Post, Projects, ProjectFields.ToJson(arguments)),
            RenderCreated);

        yield return new CommandDefinition(
            "projects list",
            "List every project.",
            [],
            [],
            _ => new ApiRequest(HttpMethod.Get, Projects),
            RenderList);

        yield return new CommandDefinition(
            "projects show",
            "Show one project's settings and keys (key prefixes only).",
            ["PROJECT_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Get, $"{Projects}/{arguments.ProjectId()}"),
            (project, output) => ProjectView.Write(project, output));

        yield return new CommandDefinition(
            "projects update",
            "Change only the given settings of a project; its config version goes up by one.",
            ["PROJECT_ID"],
            [new("name", "NAME", "a display name"), .. ProjectFields.Settings],
            arguments =>
            {
                var id = arguments.ProjectId();
                var body = ProjectFields.ToJson(arguments);
                return body.Count > 0
                    ? new ApiRequest(HttpMethod.Patch, $"{Projects}/{id}", body)
                    : throw new UsageException("nothing to update; give at least one option, see 'hiveorleans projects update --help'");
            },
            (project, output) => RenderChanged(project, output, $"Updated project {project.Field("project_id")} (config version {project.Field("config_version")})."));

        yield return new CommandDefinition(
            "projects disable",
            "Stop a project accepting new tasks; its keys still authenticate.",
            ["PROJECT_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"{Projects}/{arguments.ProjectId()}/disable"),
            (project, output) => RenderChanged(project, output, $"Project {project.Field("project_id")} is disabled."));

        yield return new CommandDefinition(
            "projects enable",
            "Let a disabled project accept tasks again.",
            ["PROJECT_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"{Projects}/{arguments.ProjectId()}/enable"),
            (project, output) => RenderChanged(project, output, $"Project {project.Field("project_id")} is enabled."));
    }

    private static void RenderCreated(JsonElement project, TextWriter output)
    {
        output.WriteLine($"Created project {project.Field("project_id")}.");
        output.WriteLine();
        ProjectView.Write(project, output);
        output.WriteLine();
        output.WriteLine("API keys and webhook secret: shown only this once, store them now.");
        var secrets = new KeyValueList();
        if (project.TryField("api_keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
        {
            var slot = 1;
            foreach (var key in keys.EnumerateArray())
            {
                secrets.Add($"api key (slot {slot++})", JsonValues.Describe(key));
            }
        }

        secrets.Add("webhook secret", project.Field("webhook_secret"));
        secrets.WriteTo(output, indent: "  ");
    }

    private static void RenderList(JsonElement answer, TextWriter output)
    {
        var projects = answer.TryField("projects", out var list) ? list : answer;
        if (projects.ValueKind != JsonValueKind.Array || projects.GetArrayLength() == 0)
        {
            output.WriteLine("No projects yet; create one with 'hiveorleans projects create'.");
            return;
        }

        var table = new TextTable("ID", "NAME", "MODEL TYPE", "REVIEW", "DISABLED", "CONFIG VERSION", "RATE", "DAILY QUOTA");
        foreach (var project in projects.EnumerateArray())
        {
            table.Add(
                project.Field("project_id"),
                project.Field("name"),
                project.Field("model_type"),
                project.Field("review"),
                project.Field("disabled"),
                project.Field("config_version"),
                project.RateLimit(),
                project.Field("daily_quota"));
        }

        table.WriteTo(output);
    }

    private static void RenderChanged(JsonElement project, TextWriter output, string headline)
    {
        output.WriteLine(headline);
        output.WriteLine();
        ProjectView.Write(project, output);
    }
}
