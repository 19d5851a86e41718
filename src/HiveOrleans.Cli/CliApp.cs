using System.Collections;
using HiveOrleans.Cli.Commands;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli;

/// <summary>
/// The <c>hiveorleans</c> command, callable in-process: every output goes to the given writers and every request
/// through the given handler, so tests run it without a process or a console.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code for a request that went out and failed: refused by the API or never answered.</summary>
    public const int ApiError = 1;

    /// <summary>Exit code for a command line that could not be understood; nothing was sent.</summary>
    public const int UsageError = 2;

    private static readonly HashSet<string> GlobalOptions = new(StringComparer.Ordinal) { "url", "token" };

    /// <summary>Runs one command and returns its exit code.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="stdout">Where results and help go.</param>
    /// <param name="stderr">Where the single <c>error: ...</c> line goes when the command fails.</param>
    /// <param name="handler">Sends the HTTP requests; the default handler when <c>null</c>. It is not disposed.</param>
    /// <param name="environment">Where <c>HIVEORLEANS_URL</c> and <c>HIVEORLEANS_ADMIN_TOKEN</c> are read; the process environment when <c>null</c>.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null, IDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var line = ParsedCommandLine.Parse(args);
            var (command, wordsUsed) = CommandCatalog.Find(line.Words);
            if (command is null)
            {
                return ShowHelpOrRefuse(line, stdout);
            }

            if (line.Help)
            {
                HelpText.WriteCommand(stdout, command);
                return 0;
            }

            // Arguments are checked before the connection, so a typo is reported as such even with no token set.
            var arguments = CommandArguments.Bind(command, line.Words.Skip(wordsUsed).ToList(), line.Options, GlobalOptions);
            var call = command.BuildCall(arguments);
            var connection = Connection.Resolve(line.Options, environment ?? ProcessEnvironment());

            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.Timeout = OperatorApiClient.Timeout;
            var answer = await call.SendAsync(new OperatorApiClient(http, connection), CancellationToken.None);
            if (line.Json)
            {
                PrettyJson.Write(answer, stdout);
            }
            else
            {
                command.Render(answer, stdout);
            }

            return 0;
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return UsageError;
        }
        catch (ApiCallException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return ApiError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug of ours still owes the operator one line, not a stack trace in the middle of a script's output.
            await stderr.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            return ApiError;
        }
    }

    private static int ShowHelpOrRefuse(ParsedCommandLine line, TextWriter stdout)
    {
        var words = line.Words;
        var group = words.Count > 0 && CommandCatalog.Groups.ContainsKey(words[0]) ? words[0] : null;
        if (line.Help && words.Count == 0)
        {
            HelpText.WriteOverview(stdout);
            return 0;
        }

        if (line.Help && group is not null && words.Count == 1)
        {
            HelpText.WriteGroup(stdout, group);
            return 0;
        }

        if (words.Count == 0)
        {
            throw new UsageException("no command given; run 'hiveorleans --help' to see the commands");
        }

        if (group is null)
        {
            throw new UsageException($"unknown command '{words[0]}'; run 'hiveorleans --help' to see the commands");
        }

        var commands = string.Join(", ", CommandCatalog.InGroup(group).Select(c => c.Name[(group.Length + 1)..]));
        throw new UsageException(words.Count == 1
            ? $"'{group}' needs a command: {commands}; see 'hiveorleans {group} --help'"
            : $"unknown command '{group} {words[1]}'; '{group}' has {commands}");
    }

    private static Dictionary<string, string?> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);
}
