namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>What one in-process run of <c>hiveorleans</c> left behind.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void AssertSucceeded()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}; stderr: {Stderr}");
        Assert.Equal(string.Empty, Stderr);
    }

    /// <summary>The contract for every failure: exactly one <c>error: ...</c> line on stderr, nothing on stdout.</summary>
    public string AssertOneErrorLine(int exitCode)
    {
        Assert.True(ExitCode == exitCode, $"exit {ExitCode}, expected {exitCode}; stdout: {Stdout} stderr: {Stderr}");
        Assert.Equal(string.Empty, Stdout);
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines).TrimEnd('\r');
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        return line;
    }
}
