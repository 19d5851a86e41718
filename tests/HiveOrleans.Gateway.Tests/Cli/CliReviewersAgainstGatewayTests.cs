using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>The CLI's <c>reviewers</c> commands, in-process, against a real gateway on PostgreSQL.</summary>
public sealed class CliReviewersAgainstGatewayTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private IGrainFactory Grains => gateway.Server.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Creating_a_reviewer_prints_them_and_a_token_shown_once_that_signs_in_as_them()
    {
        var projects = $"{Text(gateway.Project.ProjectId)},{Text(gateway.OtherProject.ProjectId)}";

        var result = await RunAsync("reviewers", "create", "--name", "Ada Lovelace", "--projects", projects, "--roles", "reviewer,senior");

        result.AssertSucceeded();
        var id = long.Parse(Regex.Match(result.StdoutLines[0], @"^Created reviewer (\d+)\.$").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Contains(result.StdoutLines, l => Regex.IsMatch(l, @"^name:\s+Ada Lovelace$"));
        Assert.Contains(result.StdoutLines, l => Regex.IsMatch(l, $@"^projects:\s+{projects}$"));
        Assert.Contains(result.StdoutLines, l => Regex.IsMatch(l, @"^roles:\s+reviewer,senior$"));
        Assert.Contains("shown only this once", result.Stdout, StringComparison.Ordinal);
        var token = result.StdoutLines.Single(l => l.StartsWith("token:", StringComparison.Ordinal)).Split(' ')[^1];
        Assert.Equal(id, (await ResolveAsync(token))!.ReviewerId);
    }

    [Fact]
    public async Task A_created_reviewer_is_listed_without_a_token()
    {
        var (id, token) = await CreateAsync("Grace Hopper");

        var list = await RunAsync("reviewers", "list");

        list.AssertSucceeded();
        Assert.Matches(@"^ID\s+NAME\s+PROJECTS\s+ROLES\s+DISABLED$", list.StdoutLines[0]);
        Assert.Contains(list.StdoutLines, l => Regex.IsMatch(l, $@"^{id}\s+Grace Hopper\s+{gateway.Project.ProjectId}\s+reviewer\s+no$"));
        Assert.DoesNotContain(token, list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_reviewer_stops_their_token_until_they_are_enabled()
    {
        var (id, token) = await CreateAsync("Barbara Liskov");

        var disable = await RunAsync("reviewers", "disable", Text(id));

        disable.AssertSucceeded();
        Assert.Equal($"Reviewer {id} is disabled.", disable.StdoutLines[0]);
        Assert.Contains(disable.StdoutLines, l => Regex.IsMatch(l, @"^disabled:\s+yes$"));
        Assert.Null(await ResolveAsync(token));

        var enable = await RunAsync("reviewers", "enable", Text(id));
        enable.AssertSucceeded();
        Assert.Contains(enable.StdoutLines, l => Regex.IsMatch(l, @"^disabled:\s+no$"));
        Assert.Equal(id, (await ResolveAsync(token))!.ReviewerId);
    }

    [Fact]
    public async Task Rotating_a_token_prints_a_new_one_and_the_old_one_stops_working()
    {
        var (id, old) = await CreateAsync("Edsger Dijkstra");

        var rotate = await RunAsync("reviewers", "rotate-token", Text(id));

        rotate.AssertSucceeded();
        var fresh = rotate.StdoutLines[^1];
        Assert.NotEqual(old, fresh);
        Assert.Null(await ResolveAsync(old));
        Assert.Equal(id, (await ResolveAsync(fresh))!.ReviewerId);
    }

    [Fact]
    public async Task Updating_a_reviewer_changes_only_what_was_given()
    {
        var (id, _) = await CreateAsync("Alan Kay");

        var update = await RunAsync("reviewers", "update", Text(id), "--roles", "senior");

        update.AssertSucceeded();
        var shown = await RunJsonAsync("reviewers", "show", Text(id));
        Assert.Equal("Alan Kay", shown.GetProperty("name").GetString());
        Assert.Equal(["senior"], shown.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([gateway.Project.ProjectId], shown.GetProperty("projects").EnumerateArray().Select(p => p.GetInt64()));
    }

    [Fact]
    public async Task A_project_that_does_not_exist_gives_the_apis_reason_on_one_line_and_exit_1()
    {
        var result = await RunAsync("reviewers", "create", "--name", "Nobody", "--projects", "987654", "--roles", "reviewer");

        Assert.Equal("error: 'projects' names project 987654, which does not exist.", result.AssertOneErrorLine(exitCode: 1));
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(["--url", gateway.Server.Address.ToString(), "--token", GatewayServer.OperatorToken, .. args]);

    private async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--json"]);
        result.AssertSucceeded();
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private async Task<(long Id, string Token)> CreateAsync(string name)
    {
        var created = await RunJsonAsync("reviewers", "create", "--name", name, "--projects", Text(gateway.Project.ProjectId), "--roles", "reviewer");
        return (created.GetProperty("reviewer_id").GetInt64(), created.GetProperty("token").GetString()!);
    }

    private Task<ReviewerIdentity?> ResolveAsync(string token) =>
        Grains.GetGrain<IReviewerTokenGrain>(ReviewerKeys.TokenGrainKey(token)).ResolveAsync();

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
