using System.Globalization;

namespace HiveOrleans.Cli.Parsing;

/// <summary>
/// The positional arguments and options given to one command, checked against its definition, with typed getters
/// whose failures are usage errors naming the option.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> _positional;
    private readonly Dictionary<string, List<string>> _options;

    private CommandArguments(Dictionary<string, string> positional, Dictionary<string, List<string>> options)
    {
        _positional = positional;
        _options = options;
    }

    public static CommandArguments Bind(CommandDefinition command, IReadOnlyList<string> words, IReadOnlyList<KeyValuePair<string, string>> options, IReadOnlySet<string> globalOptions)
    {
        if (words.Count > command.Arguments.Count)
        {
            throw new UsageException($"unexpected argument '{words[command.Arguments.Count]}'; usage: {command.Usage}");
        }

        if (words.Count < command.Arguments.Count)
        {
            throw new UsageException($"missing {command.Arguments[words.Count]}; usage: {command.Usage}");
        }

        var positional = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            positional[command.Arguments[i]] = words[i];
        }

        var given = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in options)
        {
            if (globalOptions.Contains(name))
            {
                continue;
            }

            var definition = command.Options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"unknown option '--{name}' for '{command.Name}'; see 'hiveorleans {command.Name} --help'");
            if (!given.TryGetValue(name, out var values))
            {
                given[name] = values = [];
            }
            else if (!definition.Repeatable)
            {
                throw new UsageException($"option '--{name}' is given more than once");
            }

            values.Add(value);
        }

        foreach (var required in command.Options.Where(o => o.Required && !given.ContainsKey(o.Name)))
        {
            throw new UsageException($"missing required option --{required.Name}; usage: {command.Usage}");
        }

        return new CommandArguments(positional, given);
    }

    public string Argument(string name) => _positional[name];

    /// <summary>A positional argument that names a project: a positive whole number, checked so it cannot alter the path.</summary>
    public long ProjectId(string name = "PROJECT_ID") => PositiveId(name);

    /// <summary>A positional argument that names a reviewer, checked as a project id is.</summary>
    public long ReviewerId(string name = "REVIEWER_ID") => PositiveId(name);

    private long PositiveId(string name)
    {
        var text = Argument(name);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException($"{name} must be a positive whole number, not '{text}'");
    }

    /// <summary>
    /// A positional argument that names a bank, escaped for the path. What a valid name is stays the API's rule; only
    /// what would send the request to another path ('', '.' or '..') is refused here.
    /// </summary>
    public string ModelName(string name = "NAME")
    {
        var text = Argument(name);
        return text is "" or "." or ".."
            ? throw new UsageException($"{name} must be a model's name, not '{text}'")
            : Uri.EscapeDataString(text);
    }

    public string BankName(string name = "NAME")
    {
        var text = Argument(name);
        return text is "" or "." or ".."
            ? throw new UsageException($"{name} must be a bank's name, not '{text}'")
            : Uri.EscapeDataString(text);
    }

    public bool Has(string option) => _options.ContainsKey(option);

    public bool HasAny(IEnumerable<string> options) => options.Any(Has);

    public string? String(string option) => _options.TryGetValue(option, out var values) ? values[0] : null;

    public IReadOnlyList<string> All(string option) => _options.TryGetValue(option, out var values) ? values : [];

    /// <summary>A comma-separated list with blanks dropped, so an empty value is an empty list (to clear one).</summary>
    public IReadOnlyList<string>? CommaList(string option) =>
        String(option) is { } text ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null;

    /// <summary>A yes-or-no option, written <c>true</c> or <c>false</c>.</summary>
    public bool? TrueOrFalse(string option) =>
        String(option) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var text => throw new UsageException($"--{option} must be true or false, not '{text}'"),
        };

    public long? WholeNumber(string option, long minimum) =>
        String(option) is not { } text ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum ? value
        : throw new UsageException($"--{option} must be a whole number of at least {minimum}, not '{text}'");

    public double? Number(string option) =>
        String(option) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value
        : throw new UsageException($"--{option} must be a number of at least 0, not '{text}'");

    /// <summary>Money stays decimal so the amount sent is exactly the amount typed.</summary>
    public decimal? Amount(string option) =>
        String(option) is not { } text ? null
        : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw new UsageException($"--{option} must be an amount of at least 0, not '{text}'");

    public string? OneOf(string option, params string[] allowed) =>
        String(option) is not { } text ? null
        : allowed.Contains(text, StringComparer.Ordinal) ? text
        : throw new UsageException($"--{option} must be one of {string.Join(", ", allowed)}, not '{text}'");
}
