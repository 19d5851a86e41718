using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>reviewers create | list | show | update | disable | enable | rotate-token</c>: manual review's reviewers.</summary>
internal static class ReviewerCommands
{
    private const string Reviewers = "admin/v1/reviewers";

    private static readonly OptionDefinition Projects = new("projects", "1,2", "the projects whose review queues the reviewer works on, comma-separated");
    private static readonly OptionDefinition Roles = new("roles", "ROLES", "reviewer and/or senior, comma-separated");

    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "reviewers create",
            "Create a reviewer. Prints their sign-in token, which is shown only this once.",
            [],
            [new("name", "NAME", "a display name", Required: true), Projects with { Required = true }, Roles with { Required = true }],
            arguments => new ApiRequest(HttpMethod.Post, Reviewers, ToJson(arguments)),
            RenderCreated);

        yield return new CommandDefinition(
            "reviewers list",
            "List every reviewer (never their tokens).",
            [],
            [],
            _ => new ApiRequest(HttpMethod.Get, Reviewers),
            RenderList);

        yield return new CommandDefinition(
            "reviewers show",
            "Show one reviewer.",
            ["REVIEWER_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Get, $"{Reviewers}/{ReviewerId(arguments)}"),
            WriteReviewer);

        yield return new CommandDefinition(
            "reviewers update",
            "Change only the given fields of a reviewer; a list given replaces the whole list.",
            ["REVIEWER_ID"],
            [new("name", "NAME", "a display name"), Projects, Roles],
            arguments =>
            {
                var id = ReviewerId(arguments);
                var body = ToJson(arguments);
                return body.Count > 0
                    ? new ApiRequest(HttpMethod.Patch, $"{Reviewers}/{id}", body)
                    : throw new UsageException("nothing to update; give at least one option, see 'hiveorleans reviewers update --help'");
            },
            (reviewer, output) => RenderChanged(reviewer, output, $"Updated reviewer {reviewer.Field("reviewer_id")}."));

        yield return new CommandDefinition(
            "reviewers disable",
            "Disable a reviewer: their token stops working and every task they hold goes back to its queue at once.",
            ["REVIEWER_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"{Reviewers}/{ReviewerId(arguments)}/disable"),
            (reviewer, output) => RenderChanged(reviewer, output, $"Reviewer {reviewer.Field("reviewer_id")} is disabled."));

        yield return new CommandDefinition(
            "reviewers enable",
            "Let a disabled reviewer sign in again with their token.",
            ["REVIEWER_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"{Reviewers}/{ReviewerId(arguments)}/enable"),
            (reviewer, output) => RenderChanged(reviewer, output, $"Reviewer {reviewer.Field("reviewer_id")} is enabled."));

        yield return new CommandDefinition(
            "reviewers rotate-token",
            "Give a reviewer a new token; the old one stops working at once. The new token is shown only this once.",
            ["REVIEWER_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"{Reviewers}/{ReviewerId(arguments)}/token/rotate"),
            RenderRotated);
    }

    private static long ReviewerId(CommandArguments arguments) => arguments.ReviewerId();

    private static JsonObject ToJson(CommandArguments arguments)
    {
        var body = new JsonObject();
        if (arguments.String("name") is { } name)
        {
            body["name"] = name;
        }

        if (arguments.CommaList("projects") is { } projects)
        {
            body["projects"] = new JsonArray([.. projects.Select(p => JsonValue.Create(ProjectIdIn(p)))]);
        }

        if (arguments.CommaList("roles") is { } roles)
        {
            body["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]);
        }

        return body;
    }

    private static long ProjectIdIn(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException($"--projects takes project ids (positive whole numbers), comma-separated, not '{text}'");

    private static void WriteReviewer(JsonElement reviewer, TextWriter output) =>
        new KeyValueList()
            .Add("id", reviewer.Field("reviewer_id"))
            .Add("name", reviewer.Field("name"))
            .Add("projects", Join(reviewer, "projects"))
            .Add("roles", Join(reviewer, "roles"))
            .Add("disabled", reviewer.Field("disabled"))
            .Add("created", reviewer.Field("created_on"))
            .Add("updated", reviewer.Field("updated_on"))
            .WriteTo(output);

    private static string Join(JsonElement element, string name) =>
        element.TryField(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join(",", list.EnumerateArray().Select(JsonValues.Describe))
            : element.Field(name);

    private static void RenderCreated(JsonElement reviewer, TextWriter output)
    {
        output.WriteLine($"Created reviewer {reviewer.Field("reviewer_id")}.");
        output.WriteLine();
        WriteReviewer(reviewer, output);
        output.WriteLine();
        output.WriteLine("Sign-in token: shown only this once, store it now.");
        new KeyValueList().Add("token", reviewer.Field("token")).WriteTo(output, indent: "  ");
    }

    private static void RenderList(JsonElement answer, TextWriter output)
    {
        var reviewers = answer.TryField("reviewers", out var list) ? list : answer;
        if (reviewers.ValueKind != JsonValueKind.Array || reviewers.GetArrayLength() == 0)
        {
            output.WriteLine("No reviewers yet; create one with 'hiveorleans reviewers create'.");
            return;
        }

        var table = new TextTable("ID", "NAME", "PROJECTS", "ROLES", "DISABLED");
        foreach (var reviewer in reviewers.EnumerateArray())
        {
            table.Add(reviewer.Field("reviewer_id"), reviewer.Field("name"), Join(reviewer, "projects"), Join(reviewer, "roles"), reviewer.Field("disabled"));
        }

        table.WriteTo(output);
    }

    private static void RenderChanged(JsonElement reviewer, TextWriter output, string headline)
    {
        output.WriteLine(headline);
        output.WriteLine();
        WriteReviewer(reviewer, output);
    }

    private static void RenderRotated(JsonElement answer, TextWriter output)
    {
        output.WriteLine($"New token for reviewer {answer.Field("reviewer_id")} (shown only this once, store it now; the old one no longer works):");
        output.WriteLine($"  {answer.Field("token")}");
    }
}
