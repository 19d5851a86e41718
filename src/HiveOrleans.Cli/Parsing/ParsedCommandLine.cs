using System.Globalization;

namespace HiveOrleans.Cli.Parsing;

/// <summary>
/// The raw shape of a command line: its words, its <c>--name value</c> options and the two flags. Which words form
/// the command and which options it accepts is decided later, against the command's definition.
/// </summary>
internal sealed class ParsedCommandLine
{
    /// <summary>
    /// Options that take no value. Every other option takes one, which lets an option stand before the command
    /// words (<c>hiveorleans --json projects list</c>) without knowing the command yet.
    /// </summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "help" };

    private ParsedCommandLine(IReadOnlyList<string> words, IReadOnlyList<KeyValuePair<string, string>> options, bool help, bool json)
    {
        Words = words;
        Options = options;
        Help = help;
        Json = json;
    }

    public IReadOnlyList<string> Words { get; }

    /// <summary>Options in the order given, names without the leading dashes.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; }

    public bool Help { get; }

    public bool Json { get; }

    public static ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var options = new List<KeyValuePair<string, string>>();
        var help = false;
        var json = false;
        var onlyWords = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyWords || IsWord(arg))
            {
                words.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                onlyWords = true;
                continue;
            }

            if (arg is "-h" or "-?")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option '{arg}'; options are spelled --name");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (Flags.Contains(name))
            {
                if (equals >= 0)
                {
                    throw new UsageException($"option '--{name}' takes no value");
                }

                help |= name == "help";
                json |= name == "json";
                continue;
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && args[i + 1] != "--")
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option '--{name}' needs a value");
            }

            options.Add(new(name, value));
        }

        return new ParsedCommandLine(words, options, help, json);
    }

    /// <summary>A negative number is a value, not an option, so the server can be the one to refuse it.</summary>
    private static bool IsWord(string arg) =>
        !arg.StartsWith('-') || arg == "-" || double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
