using System.Text.RegularExpressions;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Reruns;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary><c>hiveorleans rerun</c>, in-process, against a real gateway on PostgreSQL.</summary>
public sealed partial class CliRerunAgainstGatewayTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    [Fact]
    public async Task Rerun_start_then_show_prints_the_diff_of_a_changed_blocklist()
    {
        var project = await gateway.Client.CreateProjectAsync("cli rerun");
        var (named, _) = await RerunGateway.FillAsync(gateway.Server, project, count: 6, every: 2);

        var started = await RunAsync("rerun", "start", $"{project.ProjectId}", "--mode", "shadow", "--blocklist", RerunGateway.Term);
        started.AssertSucceeded();
        var rerunId = RerunIdPattern().Match(started.Stdout).Groups[1].Value;
        Assert.True(Guid.TryParse(rerunId, out _), started.Stdout);

        // The start answers before the window is counted, unless the count of six tasks was quicker than the answer.
        Assert.Matches(@"done:\s+0 (of 6|\(the window is being counted\))", started.Stdout);

        var shown = await Eventually.UntilAsync(
            () => RunAsync("rerun", "show", rerunId),
            result => result.Stdout.Contains("completed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the rerun to complete");

        shown.AssertSucceeded();
        Assert.Matches(@"done:\s+6 of 6", shown.Stdout);
        Assert.Matches(@"changed:\s+3", shown.Stdout);
        Assert.Matches(@"custom_blocklist\s+0\s+3\s+newly_flagged\s+3", shown.Stdout);
        Assert.All(named, id => Assert.Contains(id, shown.Stdout, StringComparison.Ordinal));

        var cancelled = await RunAsync("rerun", "cancel", rerunId);
        cancelled.AssertSucceeded();
        Assert.StartsWith($"Rerun {rerunId} is completed.", cancelled.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_with_a_bad_mode_or_id_is_a_usage_error()
    {
        Assert.StartsWith("error: --mode must be one of", (await RunAsync("rerun", "start", "1", "--mode", "dry")).AssertOneErrorLine(exitCode: 2), StringComparison.Ordinal);
        Assert.StartsWith("error: RERUN_ID must be a rerun id", (await RunAsync("rerun", "show", "42")).AssertOneErrorLine(exitCode: 2), StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(["--url", gateway.Server.Address.ToString(), "--token", GatewayServer.OperatorToken, .. args]);

    [GeneratedRegex(@"Started rerun ([0-9a-f-]{36})")]
    private static partial Regex RerunIdPattern();
}
