namespace HiveOrleans.Cli.Parsing;

/// <summary>One <c>--name VALUE</c> option a command accepts.</summary>
internal sealed record OptionDefinition(string Name, string ValueName, string Description, bool Required = false, bool Repeatable = false);
