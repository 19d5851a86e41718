using HiveOrleans.Cli.Commands;
using HiveOrleans.Cli.Http;

namespace HiveOrleans.Cli.Parsing;

/// <summary>What <c>--help</c> prints, at the top, for a group, and for a command.</summary>
internal static class HelpText
{
    private static readonly IReadOnlyDictionary<string, string> ArgumentDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PROJECT_ID"] = "the project's id, as 'hiveorleans projects list' shows it",
        ["SLOT"] = "the key slot, 1 or 2",
        ["NAME"] = "the bank's name, e.g. hotline: lowercase letters, digits, '_' and '-'",
    };

    public static void WriteOverview(TextWriter output)
    {
        output.WriteLine("hiveorleans: the HiveOrleans operator command line, a client of the gateway's /admin/v1 API.");
        output.WriteLine();
        output.WriteLine("Usage: hiveorleans COMMAND [arguments] [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        WriteCommandList(output, CommandCatalog.Commands);
        output.WriteLine();
        WriteGlobalOptions(output);
        output.WriteLine();
        output.WriteLine("Run 'hiveorleans COMMAND --help' for a command's arguments and options.");
    }

    public static void WriteGroup(TextWriter output, string group)
    {
        output.WriteLine(CommandCatalog.Groups[group]);
        output.WriteLine();
        output.WriteLine($"Usage: hiveorleans {group} COMMAND [arguments] [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        WriteCommandList(output, CommandCatalog.InGroup(group));
        output.WriteLine();
        WriteGlobalOptions(output);
    }

    public static void WriteCommand(TextWriter output, CommandDefinition command)
    {
        output.WriteLine(command.Summary);
        output.WriteLine();
        output.WriteLine($"Usage: {command.Usage}");
        if (command.Arguments.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Arguments:");
            WriteAligned(output, command.Arguments.Select(a => (a, ArgumentDescriptions.GetValueOrDefault(a, string.Empty))));
        }

        if (command.Options.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Options:");
            WriteAligned(output, command.Options.Select(o => ($"--{o.Name} {o.ValueName}", o.Required ? $"{o.Description} (required)" : o.Description)));
        }

        output.WriteLine();
        WriteGlobalOptions(output);
    }

    private static void WriteGlobalOptions(TextWriter output)
    {
        output.WriteLine("Global options:");
        WriteAligned(output,
        [
            ("--url URL", $"the gateway; else ${Connection.UrlVariable}, else {Connection.DefaultUrl}"),
            ("--token TOKEN", $"the operator token; else ${Connection.TokenVariable}"),
            ("--json", "print the API's JSON answer, indented, instead of a table"),
            ("-h, --help", "show help"),
        ]);
    }

    private static void WriteCommandList(TextWriter output, IEnumerable<CommandDefinition> commands) =>
        WriteAligned(output, commands.Select(c => (string.Join(' ', c.Name.Split(' ').Concat(c.Arguments)), c.Summary)));

    private static void WriteAligned(TextWriter output, IEnumerable<(string Term, string Description)> lines)
    {
        var list = lines.ToList();
        var width = list.Max(l => l.Term.Length);
        foreach (var (term, description) in list)
        {
            output.WriteLine($"  {term.PadRight(width)}  {description}".TrimEnd());
        }
    }
}
