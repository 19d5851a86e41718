using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary>Every command, and the groups (<c>projects</c>, <c>keys</c>, <c>banks</c>, ...) that hold them.</summary>
internal static class CommandCatalog
{
    public static readonly IReadOnlyList<CommandDefinition> Commands =
    [
        .. ProjectCommands.All(),
        .. KeyCommands.All(),
        .. WebhookSecretCommands.All(),
        .. UsageCommand.All(),
        .. BankCommands.All(),
        .. ModelCommands.All(),
        .. ReviewerCommands.All(),
        .. AuditCommand.All(),
        .. RerunCommands.All(),
    ];

    public static readonly IReadOnlyDictionary<string, string> Groups = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["projects"] = "Create, inspect and change projects.",
        ["keys"] = "Rotate or revoke a project's API keys.",
        ["webhook-secret"] = "Rotate the secret that signs a project's callbacks.",
        ["banks"] = "Create and fill the PDQ hash banks that visual projects match media against.",
        ["models"] = "Register the ONNX models and remote (KServe v2) model servers that visual projects can run.",
        ["reviewers"] = "Create and manage the reviewers of manual review and their sign-in tokens.",
        ["rerun"] = "Run a text project's stored tasks again under settings to try (shadow reports, apply writes).",
    };

    /// <summary>The command the leading words name, and how many words that took; the rest are its arguments.</summary>
    public static (CommandDefinition? Command, int WordsUsed) Find(IReadOnlyList<string> words)
    {
        foreach (var command in Commands.OrderByDescending(c => c.Name.Length))
        {
            var name = command.Name.Split(' ');
            if (name.Length <= words.Count && name.Select((part, i) => part == words[i]).All(match => match))
            {
                return (command, name.Length);
            }
        }

        return (null, 0);
    }

    public static IEnumerable<CommandDefinition> InGroup(string group) =>
        Commands.Where(c => c.Name.StartsWith(group + " ", StringComparison.Ordinal));
}
