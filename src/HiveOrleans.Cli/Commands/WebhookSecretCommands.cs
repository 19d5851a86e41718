using System.Text.Json;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary><c>webhook-secret rotate</c>.</summary>
internal static class WebhookSecretCommands
{
    public static IEnumerable<CommandDefinition> All()
    {
        yield return new CommandDefinition(
            "webhook-secret rotate",
            "Make a new secret for signing callbacks. The old one keeps verifying for a while, so receivers can switch over.",
            ["PROJECT_ID"],
            [],
            arguments => new ApiRequest(HttpMethod.Post, $"admin/v1/projects/{arguments.ProjectId()}/webhook-secret/rotate"),
            Render);
    }

    private static void Render(JsonElement answer, TextWriter output)
    {
        output.WriteLine($"New webhook secret for project {answer.Field("project_id")} (shown only this once, store it now):");
        output.WriteLine($"  {answer.Field("webhook_secret")}");
        if (answer.TryField("previous_valid_until", out var until))
        {
            output.WriteLine(until.ValueKind == JsonValueKind.Null
                ? "The previous secret no longer signs or verifies."
                : $"The previous secret stays valid until {JsonValues.Describe(until)}.");
        }
    }
}
