using System.Text.Json.Nodes;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>What a person (or, with --json, a script) sees for a given answer. No gateway needed.</summary>
public sealed class CliOutputTests
{
    private const string FullProject =
        """
        {"project_id": 7, "name": "chat", "model_type": "text", "review": "model_only", "user_id": 1, "disabled": false,
         "config_version": 3, "config_tag": "v2", "sync_timeout_seconds": 30, "max_text_length": 10000, "max_body_bytes": 1048576,
         "thresholds": {"violence": 2}, "rate_limit": {"per_second": 10, "burst": 20}, "daily_quota": 5000, "charge_per_task": 0.001,
         "keys": [{"slot": 1, "live": true, "prefix": "abcd12", "created_on": "2026-11-23T10:00:00Z"},
                  {"slot": 2, "live": false, "prefix": "ef3456", "created_on": "2026-11-23T10:00:00Z"}],
         "created_on": "2026-11-23T10:00:00Z", "updated_on": "2026-11-23T11:00:00Z"}
        """;

    private static readonly string[] Connection = ["--url", "http://gateway.test", "--token", "t"];

    [Fact]
    public async Task The_project_list_is_a_table_whose_columns_line_up()
    {
        var handler = ScriptedHandler.Answering(
            $$"""
            {"projects": [{{FullProject}},
              {"project_id": 12, "name": "a much longer project name", "model_type": "text", "review": "model_only",
               "disabled": true, "config_version": 1, "rate_limit": null, "daily_quota": null}]}
            """);

        var result = await CliRun.RunAsync([.. Connection, "projects", "list"], handler);

        result.AssertSucceeded();
        var lines = result.StdoutLines;
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^ID\s+NAME\s+MODEL TYPE\s+REVIEW\s+DISABLED\s+CONFIG VERSION\s+RATE\s+DAILY QUOTA$", lines[0]);
        Assert.Matches(@"^7\s+chat\s+text\s+model_only\s+no\s+3\s+10/s, burst 20\s+5000$", lines[1]);
        Assert.Matches(@"^12\s+a much longer project name\s+text\s+model_only\s+yes\s+1\s+none\s+none$", lines[2]);
        foreach (var column in new[] { "NAME", "MODEL TYPE", "RATE", "DAILY QUOTA" })
        {
            var start = lines[0].IndexOf(column, StringComparison.Ordinal);
            Assert.All(lines.Skip(1), row => Assert.NotEqual(' ', row[start]));
            Assert.All(lines.Skip(1), row => Assert.Equal(' ', row[start - 1]));
        }
    }

    [Fact]
    public async Task An_empty_project_list_says_how_to_create_one()
    {
        var result = await CliRun.RunAsync([.. Connection, "projects", "list"], ScriptedHandler.Answering("""{"projects": []}"""));

        result.AssertSucceeded();
        Assert.Contains("hiveorleans projects create", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_is_shown_as_aligned_labels_with_units_keys_and_thresholds()
    {
        var result = await CliRun.RunAsync([.. Connection, "projects", "show", "7"], ScriptedHandler.Answering(FullProject));

        result.AssertSucceeded();
        var lines = result.StdoutLines;
        Assert.Contains(lines, l => l.StartsWith("id:", StringComparison.Ordinal) && l.EndsWith(" 7", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sync timeout:", StringComparison.Ordinal) && l.EndsWith(" 30 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("rate limit:", StringComparison.Ordinal) && l.EndsWith(" 10/s, burst 20", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("thresholds:", StringComparison.Ordinal) && l.EndsWith(" violence=2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("key 1:", StringComparison.Ordinal) && l.Contains("live, prefix abcd12", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("key 2:", StringComparison.Ordinal) && l.Contains("revoked, prefix ef3456", StringComparison.Ordinal));
        var valueColumns = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.IndexOf(':', StringComparison.Ordinal) + 1 + l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].TakeWhile(c => c == ' ').Count())
            .Distinct();
        Assert.Single(valueColumns);
    }

    [Fact]
    public async Task A_project_with_missing_and_unknown_fields_is_shown_as_far_as_it_goes()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 3, "name": "sparse", "rate_limit": 5, "keys": "hidden", "future_field": {"a": 1}}""");

        var result = await CliRun.RunAsync([.. Connection, "projects", "show", "3"], handler);

        result.AssertSucceeded();
        Assert.Contains("sparse", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, l => l.StartsWith("future field:", StringComparison.Ordinal) && l.EndsWith("""{"a": 1}""", StringComparison.Ordinal));
        Assert.DoesNotContain("model type", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_project_shows_both_keys_and_the_secret_with_a_note_that_they_are_shown_once()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 9, "name": "new", "api_keys": ["key-one", "key-two"], "webhook_secret": "whsec-three"}""");

        var result = await CliRun.RunAsync([.. Connection, "projects", "create", "--name", "new", "--model-type", "text"], handler);

        result.AssertSucceeded();
        Assert.Contains("shown only this once", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, l => l.StartsWith("api key (slot 1):", StringComparison.Ordinal) && l.EndsWith(" key-one", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.StartsWith("api key (slot 2):", StringComparison.Ordinal) && l.EndsWith(" key-two", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.StartsWith("webhook secret:", StringComparison.Ordinal) && l.EndsWith(" whsec-three", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rotated_key_is_printed_alone_on_the_last_line()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 9, "slot": 2, "api_key": "fresh-key"}""");

        var result = await CliRun.RunAsync([.. Connection, "keys", "rotate", "9", "2"], handler);

        result.AssertSucceeded();
        Assert.Contains("slot 2 of project 9", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("fresh-key", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task A_rotated_webhook_secret_is_printed_with_how_long_the_previous_one_lasts()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 9, "webhook_secret": "whsec-new", "previous_valid_until": "2026-11-24T10:00:00Z"}""");

        var result = await CliRun.RunAsync([.. Connection, "webhook-secret", "rotate", "9"], handler);

        result.AssertSucceeded();
        Assert.Contains("whsec-new", result.StdoutLines);
        Assert.Contains("until 2026-11-24T10:00:00Z", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_is_a_table_of_days_with_a_total()
    {
        var handler = ScriptedHandler.Answering(
            """
            {"project_id": 9, "days": [{"date": "2026-11-22", "tasks": 10, "charge": 0.01, "rejected": 1},
                                       {"date": "2026-11-23", "tasks": 5, "charge": 0.005, "rejected": 0}]}
            """);

        var result = await CliRun.RunAsync([.. Connection, "usage", "9"], handler);

        result.AssertSucceeded();
        Assert.Contains(result.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DATE\s+TASKS\s+CHARGE\s+REJECTED$"));
        Assert.Contains(result.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^2026-11-22\s+10\s+0\.01\s+1$"));
        Assert.Contains(result.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^total\s+15\s+0\.015\s+1$"));
    }

    [Fact]
    public async Task A_visual_project_shows_its_frame_rate_and_hash_banks()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 4, "model_type": "visual", "frame_rate": 2.5, "hash_banks": ["hotline", "ncii"]}""");

        var result = await CliRun.RunAsync([.. Connection, "projects", "show", "4"], handler);

        result.AssertSucceeded();
        Assert.Contains(result.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^frame rate:\s+2\.5 frames/s$"));
        Assert.Contains(result.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^hash banks:\s+hotline, ncii$"));
    }

    [Fact]
    public async Task A_project_without_hash_banks_says_none()
    {
        var result = await CliRun.RunAsync([.. Connection, "projects", "show", "4"], ScriptedHandler.Answering("""{"project_id": 4, "hash_banks": []}"""));

        result.AssertSucceeded();
        Assert.Contains(result.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^hash banks:\s+none$"));
    }

    [Fact]
    public async Task The_bank_list_is_a_table_with_counts_per_label()
    {
        var handler = ScriptedHandler.Answering(
            """
            {"banks": [{"name": "hotline", "description": "reports from the hotline", "created_on": "2026-11-23T10:00:00Z", "hash_count": 3, "labels": {"csam": 2, "ncii": 1}},
                       {"name": "empty", "description": "", "created_on": "2026-11-24T10:00:00Z", "hash_count": 0, "labels": {}}]}
            """);

        var result = await CliRun.RunAsync([.. Connection, "banks", "list"], handler);

        result.AssertSucceeded();
        var lines = result.StdoutLines;
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^NAME\s+HASHES\s+LABELS\s+CREATED\s+DESCRIPTION$", lines[0]);
        Assert.Matches(@"^hotline\s+3\s+csam=2, ncii=1\s+2026-11-23T10:00:00Z\s+reports from the hotline$", lines[1]);
        Assert.Matches(@"^empty\s+0\s+none\s+2026-11-24T10:00:00Z$", lines[2]);
    }

    [Fact]
    public async Task An_empty_bank_list_says_how_to_create_one()
    {
        var result = await CliRun.RunAsync([.. Connection, "banks", "list"], ScriptedHandler.Answering("""{"banks": []}"""));

        result.AssertSucceeded();
        Assert.Contains("hiveorleans banks create", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bank_is_shown_as_aligned_labels()
    {
        var handler = ScriptedHandler.Answering(
            """{"name": "hotline", "description": "reports", "created_on": "2026-11-23T10:00:00Z", "hash_count": 3, "labels": {"csam": 2, "ncii": 1}}""");

        var result = await CliRun.RunAsync([.. Connection, "banks", "show", "hotline"], handler);

        result.AssertSucceeded();
        Assert.Equal(
            ["name:         hotline", "description:  reports", "hashes:       3", "labels:       csam=2, ncii=1", "created:      2026-11-23T10:00:00Z"],
            result.StdoutLines);
    }

    [Fact]
    public async Task A_page_of_hashes_is_a_table_that_says_where_the_next_page_starts()
    {
        var handler = ScriptedHandler.Answering(
            """
            {"bank": "hotline", "offset": 1, "limit": 1, "total": 3,
             "hashes": [{"content_id": "report-2", "hash": "aaaabbbb", "label": "csam", "added_on": "2026-11-23T10:00:00Z"}]}
            """);

        var result = await CliRun.RunAsync([.. Connection, "banks", "hashes", "hotline", "--offset", "1", "--limit", "1"], handler);

        result.AssertSucceeded();
        Assert.Equal(
            [
                "Hashes 2-2 of 3 in bank hotline:",
                "CONTENT ID  LABEL  HASH      ADDED",
                "report-2    csam   aaaabbbb  2026-11-23T10:00:00Z",
                "More: hiveorleans banks hashes hotline --offset 2 --limit 1",
            ],
            result.StdoutLines);
    }

    [Fact]
    public async Task The_last_page_of_hashes_offers_no_next_one_and_an_empty_bank_says_how_to_fill_it()
    {
        var last = await CliRun.RunAsync(
            [.. Connection, "banks", "hashes", "hotline"],
            ScriptedHandler.Answering("""{"bank": "hotline", "offset": 0, "limit": 100, "total": 1, "hashes": [{"content_id": "r", "hash": "h", "label": "csam"}]}"""));
        last.AssertSucceeded();
        Assert.Equal("Hashes 1-1 of 1 in bank hotline:", last.StdoutLines[0]);
        Assert.DoesNotContain("More:", last.Stdout, StringComparison.Ordinal);

        var empty = await CliRun.RunAsync(
            [.. Connection, "banks", "hashes", "hotline"],
            ScriptedHandler.Answering("""{"bank": "hotline", "offset": 0, "limit": 100, "total": 0, "hashes": []}"""));
        empty.AssertSucceeded();
        Assert.Equal("Bank hotline has no hashes; add some with 'hiveorleans banks add'.", empty.StdoutLines.Single());
    }

    [Theory]
    [InlineData("banks delete hotline", """{"name": "hotline", "deleted": true, "seq": 9}""", "Deleted bank hotline.")]
    [InlineData("banks remove hotline --content-id r", """{"bank": "hotline", "removed": 1, "seq": 9}""", "Bank hotline: 1 hash removed.")]
    [InlineData("banks create hotline", """{"name": "hotline", "hash_count": 0, "labels": {}}""", "Created bank hotline.")]
    public async Task Bank_changes_are_reported_in_one_sentence(string commandLine, string answer, string sentence)
    {
        var result = await CliRun.RunAsync([.. Connection, .. commandLine.Split(' ')], ScriptedHandler.Answering(answer));

        result.AssertSucceeded();
        Assert.Equal(sentence, result.StdoutLines[0]);
    }

    [Fact]
    public async Task Json_output_is_the_answer_unchanged_and_indented()
    {
        var result = await CliRun.RunAsync([.. Connection, "--json", "projects", "show", "7"], ScriptedHandler.Answering(FullProject));

        result.AssertSucceeded();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FullProject), JsonNode.Parse(result.Stdout)));
        Assert.Contains("\n  \"name\": \"chat\"", result.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
