using System.Text.Json;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>keys rotate | revoke</c>: each project has two key slots so one can be replaced while the other serves.</summary>
internal static class KeyCommands
{
    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "keys rotate",
            "Put a new API key in a slot, replacing the one there. The new key is shown only this once.",
            ["PROJECT_ID", "SLOT"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"{KeyPath(arguments)}/rotate"),
            RenderRotated);

        yield return new CommandDefinition(
            "keys revoke",
            "Revoke the API key in a slot; requests with it are refused from now on.",
            ["PROJECT_ID", "SLOT"],
            [],
            arguments => new ApiRequest(HttpMethod.Delete, KeyPath(arguments)),
            RenderRevoked);
    }

    private static string KeyPath(CommandArguments arguments)
    {
        var id = arguments.ProjectId();
        var slot = arguments.Argument("SLOT");
        return slot is "1" or "2"
            ? $"admin/v1/projects/{id}/keys/{slot}"
            : throw new UsageException($"SLOT must be 1 or 2, not '{slot}'");
    }

    private static void RenderRotated(JsonElement answer, TextWriter output)
    {
        output.WriteLine($"New API key for slot {answer.Field("slot")} of project {answer.Field("project_id")} (shown only this once, store it now):");
        output.WriteLine($"  {answer.Field("api_key")}");
    }

    private static void RenderRevoked(JsonElement answer, TextWriter output)
    {
        var revoked = answer.TryField("revoked", out var flag) && flag.ValueKind == JsonValueKind.True;
        output.WriteLine(revoked
            ? $"Revoked the API key in slot {answer.Field("slot")} of project {answer.Field("project_id")}."
            : $"The API key in slot {answer.Field("slot")} of project {answer.Field("project_id")} was not revoked.");
    }
}
