using HiveOrleans.Cli;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>Runs <c>hiveorleans</c> in-process with captured output.</summary>
internal static class CliRun
{
    /// <summary>
    /// An empty environment unless one is given, so a HIVEORLEANS_ADMIN_TOKEN set on the machine running the tests
    /// cannot change their outcome.
    /// </summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, HttpMessageHandler? handler = null, IDictionary<string, string?>? environment = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync([.. args], stdout, stderr, handler, environment ?? new Dictionary<string, string?>());
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
