namespace HiveOrleans.Cli.Parsing;

/// <summary>The operator asked for something the command line cannot mean; nothing was sent. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
