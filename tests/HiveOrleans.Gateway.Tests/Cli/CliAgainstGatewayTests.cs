using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>The CLI, in-process, against a real gateway on PostgreSQL. Each test makes its own project.</summary>
public sealed class CliAgainstGatewayTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    /// <summary>How long a change may take to show (the gateway's key cache, usage counted in batches): no hang, not a speed.</summary>
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(30);

    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task Creating_a_project_prints_it_with_two_working_keys_and_the_secret_shown_only_once()
    {
        var result = await RunAsync("projects", "create", "--name", "made by the cli", "--model-type", "text", "--review", "model_only");

        result.AssertSucceeded();
        Assert.Matches(@"^Created project \d+\.$", result.StdoutLines[0]);
        Assert.Contains(result.StdoutLines, l => Regex.IsMatch(l, @"^name:\s+made by the cli$"));
        Assert.Contains("shown only this once", result.Stdout, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(LastWordOfLine(result, "webhook secret:")));
        foreach (var slot in new[] { 1, 2 })
        {
            var key = LastWordOfLine(result, $"api key (slot {slot}):");
            var (status, _) = await _client.SubmitTextAsync(key, "sync", "hello there");
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    [Fact]
    public async Task A_created_project_appears_in_the_list_and_in_show()
    {
        var (id, _) = await CreateAsync("listed by the cli");

        var list = await RunAsync("projects", "list");
        list.AssertSucceeded();
        Assert.StartsWith("ID", list.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(list.StdoutLines, l => Regex.IsMatch(l, $@"^{id}\s+listed by the cli\s+text\s+model_only\s+no\s+1\s"));

        var show = await RunAsync("projects", "show", Text(id));
        show.AssertSucceeded();
        Assert.Contains(show.StdoutLines, l => Regex.IsMatch(l, $@"^id:\s+{id}$"));
        Assert.Contains(show.StdoutLines, l => Regex.IsMatch(l, @"^name:\s+listed by the cli$"));
        Assert.Contains(show.StdoutLines, l => Regex.IsMatch(l, @"^config version:\s+1$"));
    }

    [Fact]
    public async Task Updating_a_project_bumps_its_config_version_and_changes_only_what_was_given()
    {
        var (id, _) = await CreateAsync("before the update");
        var before = await RunJsonAsync("projects", "show", Text(id));

        var update = await RunAsync("projects", "update", Text(id), "--name", "after the update", "--sync-timeout", "7");

        update.AssertSucceeded();
        Assert.StartsWith($"Updated project {id}", update.StdoutLines[0], StringComparison.Ordinal);
        var after = await RunJsonAsync("projects", "show", Text(id));
        Assert.Equal(before.GetProperty("config_version").GetInt64() + 1, after.GetProperty("config_version").GetInt64());
        Assert.Equal("after the update", after.GetProperty("name").GetString());
        Assert.Equal(7, after.GetProperty("sync_timeout_seconds").GetDouble());
        Assert.Equal(before.GetProperty("model_type").GetString(), after.GetProperty("model_type").GetString());
        Assert.Equal(before.GetProperty("max_text_length").GetInt64(), after.GetProperty("max_text_length").GetInt64());
    }

    [Fact]
    public async Task Rotating_a_key_prints_a_new_key_that_works_while_the_other_slot_keeps_working()
    {
        var (id, keys) = await CreateAsync("rotated by the cli");

        var rotate = await RunAsync("keys", "rotate", Text(id), "1");

        rotate.AssertSucceeded();
        var newKey = rotate.StdoutLines[^1];
        Assert.NotEqual(keys[0], newKey);
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(newKey, "sync", "hello with the new key")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(keys[1], "sync", "hello with the other slot")).Status);
    }

    [Fact]
    public async Task Revoking_a_key_refuses_it_while_the_other_slot_keeps_working()
    {
        var (id, keys) = await CreateAsync("revoked by the cli");

        var revoke = await RunAsync("keys", "revoke", Text(id), "2");

        revoke.AssertSucceeded();
        Assert.Contains($"Revoked the API key in slot 2 of project {id}", revoke.Stdout, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SubmitTextAsync(keys[1], "sync", "hello with a revoked key")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(keys[0], "sync", "hello with the live key")).Status);
        var show = await RunJsonAsync("projects", "show", Text(id));
        Assert.Contains(show.GetProperty("keys").EnumerateArray(), k => k.GetProperty("slot").GetInt32() == 2 && !k.GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task A_disabled_project_takes_no_tasks_until_it_is_enabled_again()
    {
        var (id, keys) = await CreateAsync("disabled by the cli");

        var disable = await RunAsync("projects", "disable", Text(id));
        disable.AssertSucceeded();
        Assert.Contains(disable.StdoutLines, l => Regex.IsMatch(l, @"^disabled:\s+yes$"));
        Assert.NotEqual(HttpStatusCode.OK, (await _client.SubmitTextAsync(keys[0], "sync", "hello while disabled")).Status);

        var enable = await RunAsync("projects", "enable", Text(id));
        enable.AssertSucceeded();
        Assert.Contains(enable.StdoutLines, l => Regex.IsMatch(l, @"^disabled:\s+no$"));

        // The gateway caches a key's project for a few seconds, so the change shows within that, not at once.
        await Eventually.UntilAsync(
            async () => (await _client.SubmitTextAsync(keys[0], "sync", "hello once enabled")).Status,
            status => status == HttpStatusCode.OK,
            SettleDeadline,
            "a submission to the enabled project to be taken",
            interval: TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Rotating_the_webhook_secret_prints_a_new_one()
    {
        var created = await RunJsonAsync("projects", "create", "--name", "secret rotated by the cli", "--model-type", "text");
        var id = created.GetProperty("project_id").GetInt64();

        var rotate = await RunAsync("webhook-secret", "rotate", Text(id));

        rotate.AssertSucceeded();
        Assert.Contains($"New webhook secret for project {id}", rotate.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(created.GetProperty("webhook_secret").GetString()!, rotate.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_prints_a_table_with_todays_tasks()
    {
        var (id, keys) = await CreateAsync("usage seen by the cli");
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(keys[0], "sync", "one task to count")).Status);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Usage may be counted in batches, so wait for it, with a deadline.
        await Eventually.UntilAsync(
            () => RunJsonAsync("usage", Text(id), "--days", "2"),
            usage => usage.GetProperty("days").EnumerateArray().Any(d => d.GetProperty("date").GetString() == today && d.GetProperty("tasks").GetInt64() >= 1),
            SettleDeadline,
            "the cli's usage to count today's task",
            interval: TimeSpan.FromMilliseconds(200));

        var usage = await RunAsync("usage", Text(id), "--days", "2");

        usage.AssertSucceeded();
        Assert.Contains(usage.StdoutLines, l => Regex.IsMatch(l, @"^DATE\s+TASKS\s+CHARGE\s+REJECTED$"));
        Assert.Contains(usage.StdoutLines, l => Regex.IsMatch(l, $@"^{today}\s+1\s+\S+\s+0$"));
        Assert.Contains(usage.StdoutLines, l => Regex.IsMatch(l, @"^total\s+1\s"));
    }

    [Fact]
    public async Task Json_output_parses_as_the_apis_json()
    {
        var list = await RunJsonAsync("projects", "list");
        Assert.Contains(list.GetProperty("projects").EnumerateArray(), p => p.GetProperty("project_id").GetInt64() == gateway.Project.ProjectId);

        var show = await RunJsonAsync("projects", "show", Text(gateway.Project.ProjectId));
        Assert.Equal(gateway.Project.ProjectId, show.GetProperty("project_id").GetInt64());
        Assert.Equal("first", show.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("projects list")]
    [InlineData("projects create --name refused --model-type text")]
    public async Task A_wrong_token_gives_one_error_line_with_the_apis_message_and_exit_1(string commandLine)
    {
        var result = await CliRun.RunAsync(["--url", gateway.Server.Address.ToString(), "--token", "not-the-token", .. commandLine.Split(' ')]);

        Assert.Equal("error: Invalid operator token.", result.AssertOneErrorLine(exitCode: 1));
    }

    [Fact]
    public async Task A_manual_review_project_is_created_and_updated_with_its_review_settings()
    {
        var create = await RunAsync(
            "projects", "create", "--name", "reviewed by the cli", "--model-type", "text", "--review", "manual_review",
            "--review-when", "violence=2", "--review-when", "hate=3", "--review-sample", "0.1", "--review-labels", "threat,slur", "--review-timeout", "48h");

        create.AssertSucceeded();
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^review when:\s+hate=3, violence=2$"));
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^review sample:\s+0\.1$"));
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^review labels:\s+threat, slur$"));
        Assert.Contains(create.StdoutLines, l => Regex.IsMatch(l, @"^review timeout:\s+2d$"));
        var id = Regex.Match(create.StdoutLines[0], @"\d+").Value;

        var update = await RunAsync("projects", "update", id, "--review-when", "always", "--review-labels", "", "--review-timeout", "none");
        update.AssertSucceeded();
        Assert.Contains(update.StdoutLines, l => Regex.IsMatch(l, @"^review when:\s+always$"));
        Assert.Contains(update.StdoutLines, l => Regex.IsMatch(l, @"^review labels:\s+sexual, hate, violence, bullying, drugs, self_harm, spam, promotions, child_exploitation, gibberish$"));
        Assert.Contains(update.StdoutLines, l => Regex.IsMatch(l, @"^review timeout:\s+none$"));
    }

    [Fact]
    public async Task A_definition_the_api_refuses_gives_its_reason_on_one_line_and_exit_1()
    {
        var result = await RunAsync("projects", "create", "--name", "x", "--model-type", "holograms");

        Assert.StartsWith("error: 'model_type' must be one of", result.AssertOneErrorLine(exitCode: 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_token_gives_exit_2_without_asking_the_gateway()
    {
        var result = await CliRun.RunAsync(["--url", gateway.Server.Address.ToString(), "projects", "list"]);

        Assert.Contains("HIVEORLEANS_ADMIN_TOKEN", result.AssertOneErrorLine(exitCode: 2), StringComparison.Ordinal);
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

    private async Task<(long Id, string[] Keys)> CreateAsync(string name)
    {
        var created = await RunJsonAsync("projects", "create", "--name", name, "--model-type", "text");
        return (created.GetProperty("project_id").GetInt64(), [.. created.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)]);
    }

    private static string LastWordOfLine(CliResult result, string label) =>
        result.StdoutLines.Single(l => l.StartsWith(label, StringComparison.Ordinal)).Split(' ')[^1];


    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
