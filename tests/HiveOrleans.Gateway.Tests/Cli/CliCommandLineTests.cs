using System.Net;
using System.Text.Json.Nodes;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>How a command line becomes one request, or one usage error with nothing sent. No gateway needed.</summary>
public sealed class CliCommandLineTests
{
    private static readonly string[] Connection = ["--url", "http://gateway.test:5080", "--token", "operator-secret"];

    /// <summary>A PDQ hash's shape, 64 hex digits, written <c>HEX</c> in the command lines below.</summary>
    private static readonly string Hex = new string('a', 48) + "0000000000000001";

    [Fact]
    public async Task Create_sends_every_given_setting_under_the_api_names()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 1}""");

        var result = await CliRun.RunAsync(
        [
            .. Connection, "projects", "create", "--name", "chat", "--model-type", "text", "--review", "model_only",
            "--user-id", "7", "--sync-timeout", "2.5", "--max-text-length", "5000", "--max-body-bytes", "100000",
            "--rate", "10", "--burst", "20", "--daily-quota", "1000", "--charge", "0.001", "--config-tag", "v2-strict",
            "--threshold", "violence=2", "--threshold", "bullying=3",
        ], handler);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://gateway.test:5080/admin/v1/projects", request.Uri.ToString());
        Assert.Equal("Bearer operator-secret", request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        AssertJsonEqual(
            """
            {"name": "chat", "model_type": "text", "review": "model_only", "user_id": 7, "sync_timeout_seconds": 2.5,
             "max_text_length": 5000, "max_body_bytes": 100000, "rate_limit": {"per_second": 10, "burst": 20},
             "daily_quota": 1000, "charge_per_task": 0.001, "config_tag": "v2-strict",
             "thresholds": {"violence": 2, "bullying": 3}}
            """,
            request.Body);
    }

    [Theory]
    [InlineData("reviewers create --name Ada --projects 1,2 --roles reviewer,senior", """{"name": "Ada", "projects": [1, 2], "roles": ["reviewer", "senior"]}""")]
    [InlineData("reviewers update 4 --roles senior", """{"roles": ["senior"]}""")]
    [InlineData("reviewers update 4 --projects 3 --name Grace", """{"name": "Grace", "projects": [3]}""")]
    public async Task Reviewer_commands_send_the_apis_json_with_only_what_was_given(string commandLine, string body)
    {
        var handler = ScriptedHandler.Answering("""{"reviewer_id": 4}""");

        var result = await CliRun.RunAsync([.. Connection, .. commandLine.Split(' ')], handler);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal("application/json", request.ContentType);
        AssertJsonEqual(body, request.Body);
    }

    [Fact]
    public async Task Create_leaves_out_every_setting_that_was_not_given()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 1}""");

        var result = await CliRun.RunAsync([.. Connection, "projects", "create", "--name", "chat", "--model-type", "text"], handler);

        result.AssertSucceeded();
        AssertJsonEqual("""{"name": "chat", "model_type": "text"}""", Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task Update_patches_only_the_given_fields_even_half_a_rate_limit()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 7, "config_version": 2}""");

        var result = await CliRun.RunAsync([.. Connection, "projects", "update", "7", "--burst", "5", "--config-tag", "calmer"], handler);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("/admin/v1/projects/7", request.Uri.AbsolutePath);
        AssertJsonEqual("""{"rate_limit": {"burst": 5}, "config_tag": "calmer"}""", request.Body);
    }

    [Fact]
    public async Task Visual_settings_are_sent_as_a_frame_rate_and_a_list_of_bank_names()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 1}""");

        var result = await CliRun.RunAsync(
            [.. Connection, "projects", "create", "--name", "images", "--model-type", "visual", "--frame-rate", "2.5", "--hash-banks", "hotline, ncii,"],
            handler);

        result.AssertSucceeded();
        AssertJsonEqual(
            """{"name": "images", "model_type": "visual", "frame_rate": 2.5, "hash_banks": ["hotline", "ncii"]}""",
            Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData("projects create --name r --model-type text --review manual_review --review-when violence=2 --review-when sexual=3 --review-sample 0.05 --review-labels threat,nudity --review-timeout 24h",
        """{"name": "r", "model_type": "text", "review": "manual_review", "review_when": {"violence": 2, "sexual": 3}, "review_sample": 0.05, "review_labels": ["threat", "nudity"], "review_timeout": "24h"}""")]
    [InlineData("projects update 7 --review-when always", """{"review_when": "always"}""")]
    [InlineData("projects update 7 --review-timeout none", """{"review_timeout": null}""")]
    [InlineData("projects update 7 --review-labels ,", """{"review_labels": null}""")]
    public async Task Review_settings_are_sent_under_the_api_names_with_none_and_empty_as_null(string commandLine, string body)
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 7}""");

        var result = await CliRun.RunAsync([.. Connection, .. commandLine.Split(' ')], handler);

        result.AssertSucceeded();
        AssertJsonEqual(body, Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData("projects create --name v --model-type visual --visual-models hash_banks,nsfw", """{"name": "v", "model_type": "visual", "visual_models": ["hash_banks", "nsfw"]}""")]
    [InlineData("projects update 7 --visual-models ,", """{"visual_models": null}""")]
    [InlineData("projects create --name o --model-type ocr --ocr-languages eng,deu", """{"name": "o", "model_type": "ocr", "ocr_languages": ["eng", "deu"]}""")]
    [InlineData("projects update 7 --ocr-languages ,", """{"ocr_languages": null}""")]
    [InlineData("projects update 7 --threshold general_nsfw=0.25 --threshold violence=2", """{"thresholds": {"general_nsfw": 0.25, "violence": 2}}""")]
    public async Task Visual_models_are_sent_as_a_list_and_an_empty_one_as_null_for_the_default(string commandLine, string body)
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 7}""");

        var result = await CliRun.RunAsync([.. Connection, .. commandLine.Split(' ')], handler);

        result.AssertSucceeded();
        AssertJsonEqual(body, Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task An_empty_list_of_hash_banks_clears_them()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 7, "config_version": 2}""");

        var result = await CliRun.RunAsync([.. Connection, "projects", "update", "7", "--hash-banks", ""], handler);

        result.AssertSucceeded();
        AssertJsonEqual("""{"hash_banks": []}""", Assert.Single(handler.Requests).Body);
    }

    [Theory]
    [InlineData("banks create hotline", """{"name": "hotline"}""")]
    [InlineData("banks create hotline --description from-the-hotline", """{"name": "hotline", "description": "from-the-hotline"}""")]
    [InlineData("banks create hotline --match-transforms false", """{"name": "hotline", "match_transforms": false}""")]
    [InlineData("banks update hotline --match-transforms true", """{"match_transforms": true}""")]
    [InlineData("banks update hotline --description moved --match-transforms false", """{"description": "moved", "match_transforms": false}""")]
    [InlineData("banks add hotline --hash HEX --content-id report-1 --label csam", """{"hashes": [{"content_id": "report-1", "hash": "HEX", "label": "csam"}]}""")]
    [InlineData("banks remove hotline --content-id report-1 --content-id report-2", """{"content_ids": ["report-1", "report-2"]}""")]
    public async Task Bank_commands_send_the_apis_json(string commandLine, string body)
    {
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync([.. Connection, .. commandLine.Replace("HEX", Hex, StringComparison.Ordinal).Split(' ')], handler);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal("application/json", request.ContentType);
        AssertJsonEqual(body.Replace("HEX", Hex, StringComparison.Ordinal), request.Body);
    }

    [Theory]
    [InlineData("projects list", "GET", "/admin/v1/projects")]
    [InlineData("projects show 7", "GET", "/admin/v1/projects/7")]
    [InlineData("projects disable 7", "POST", "/admin/v1/projects/7/disable")]
    [InlineData("projects enable 7", "POST", "/admin/v1/projects/7/enable")]
    [InlineData("keys rotate 7 2", "POST", "/admin/v1/projects/7/keys/2/rotate")]
    [InlineData("keys revoke 7 1", "DELETE", "/admin/v1/projects/7/keys/1")]
    [InlineData("webhook-secret rotate 7", "POST", "/admin/v1/projects/7/webhook-secret/rotate")]
    [InlineData("usage 7 --days 3", "GET", "/admin/v1/projects/7/usage?days=3")]
    [InlineData("usage 7", "GET", "/admin/v1/projects/7/usage")]
    [InlineData("banks create hotline", "POST", "/admin/v1/banks")]
    [InlineData("banks list", "GET", "/admin/v1/banks")]
    [InlineData("banks show hotline", "GET", "/admin/v1/banks/hotline")]
    [InlineData("banks delete hotline", "DELETE", "/admin/v1/banks/hotline")]
    [InlineData("banks update hotline --match-transforms true", "PATCH", "/admin/v1/banks/hotline")]
    [InlineData("banks add hotline --hash HEX --content-id r --label csam", "POST", "/admin/v1/banks/hotline/hashes")]
    [InlineData("banks remove hotline --content-id r", "POST", "/admin/v1/banks/hotline/hashes/remove")]
    [InlineData("banks hashes hotline", "GET", "/admin/v1/banks/hotline/hashes")]
    [InlineData("banks hashes hotline --offset 200 --limit 50", "GET", "/admin/v1/banks/hotline/hashes?offset=200&limit=50")]
    [InlineData("banks show Hot%Line", "GET", "/admin/v1/banks/Hot%25Line")]
    [InlineData("reviewers list", "GET", "/admin/v1/reviewers")]
    [InlineData("reviewers show 4", "GET", "/admin/v1/reviewers/4")]
    [InlineData("reviewers update 4 --name Grace", "PATCH", "/admin/v1/reviewers/4")]
    [InlineData("reviewers disable 4", "POST", "/admin/v1/reviewers/4/disable")]
    [InlineData("reviewers enable 4", "POST", "/admin/v1/reviewers/4/enable")]
    [InlineData("reviewers rotate-token 4", "POST", "/admin/v1/reviewers/4/token/rotate")]
    public async Task Each_command_calls_its_operator_api_endpoint_with_the_token(string commandLine, string method, string pathAndQuery)
    {
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync([.. Connection, .. commandLine.Replace("HEX", Hex, StringComparison.Ordinal).Split(' ')], handler);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal(method, request.Method.Method);
        Assert.Equal(pathAndQuery, request.Uri.PathAndQuery);
        Assert.Equal("Bearer operator-secret", request.Authorization);
    }

    [Fact]
    public async Task Url_and_token_come_from_the_environment_when_not_given_keeping_a_path_prefix()
    {
        var handler = ScriptedHandler.Answering("""{"projects": []}""");
        var environment = new Dictionary<string, string?> { ["HIVEORLEANS_URL"] = "https://ops.example/hive", ["HIVEORLEANS_ADMIN_TOKEN"] = "from-env" };

        var result = await CliRun.RunAsync(["projects", "list"], handler, environment);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://ops.example/hive/admin/v1/projects", request.Uri.ToString());
        Assert.Equal("Bearer from-env", request.Authorization);
    }

    [Fact]
    public async Task Options_win_over_the_environment_and_may_stand_anywhere_in_either_form()
    {
        var handler = ScriptedHandler.Answering("""{"project_id": 7}""");
        var environment = new Dictionary<string, string?> { ["HIVEORLEANS_URL"] = "http://env.example", ["HIVEORLEANS_ADMIN_TOKEN"] = "from-env" };

        var result = await CliRun.RunAsync(["--token=from-option", "projects", "show", "--url", "http://option.example:81", "7"], handler, environment);

        result.AssertSucceeded();
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://option.example:81/admin/v1/projects/7", request.Uri.ToString());
        Assert.Equal("Bearer from-option", request.Authorization);
    }

    [Fact]
    public async Task Without_a_url_the_cli_talks_to_localhost_5080()
    {
        var handler = ScriptedHandler.Answering("""{"projects": []}""");

        var result = await CliRun.RunAsync(["--token", "t", "projects", "list"], handler);

        result.AssertSucceeded();
        Assert.Equal("http://localhost:5080/admin/v1/projects", Assert.Single(handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task A_missing_token_is_a_usage_error_naming_the_variable_and_sends_nothing()
    {
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync(["--url", "http://gateway.test", "projects", "list"], handler, new Dictionary<string, string?> { ["HIVEORLEANS_ADMIN_TOKEN"] = "" });

        var error = result.AssertOneErrorLine(exitCode: 2);
        Assert.Contains("HIVEORLEANS_ADMIN_TOKEN", error, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("", "no command given")]
    [InlineData("frobnicate", "unknown command 'frobnicate'")]
    [InlineData("projects", "'projects' needs a command")]
    [InlineData("projects frobnicate", "unknown command 'projects frobnicate'")]
    [InlineData("projects create --name chat", "missing required option --model-type")]
    [InlineData("projects create --name chat --model-type text --review sometimes", "--review must be one of model_only, manual_review")]
    [InlineData("projects create --name chat --model-type text --threshold violence", "--threshold takes HEAD=N")]
    [InlineData("projects create --name chat --model-type text --threshold violence=2 --threshold violence=3", "'violence' is given more than once")]
    [InlineData("projects create --name chat --model-type text --review-when sometimes", "--review-when takes 'always' or CLASS=N")]
    [InlineData("projects create --name chat --model-type text --review-when always --review-when violence=2", "--review-when takes 'always' or CLASS=N")]
    [InlineData("projects create --name chat --model-type text --review-sample half", "--review-sample must be a number of at least 0, not 'half'")]
    [InlineData("projects create --name chat --model-type text --user-id seven", "--user-id must be a whole number")]
    [InlineData("projects create --name chat --model-type text --charge lots", "--charge must be an amount")]
    [InlineData("projects create --name chat --name other --model-type text", "'--name' is given more than once")]
    [InlineData("projects update 7", "nothing to update")]
    [InlineData("projects update 7 --model-type visual", "unknown option '--model-type' for 'projects update'")]
    [InlineData("projects list --bogus 1", "unknown option '--bogus'")]
    [InlineData("projects show", "missing PROJECT_ID")]
    [InlineData("projects show 7 8", "unexpected argument '8'")]
    [InlineData("projects show ../7", "PROJECT_ID must be a positive whole number")]
    [InlineData("keys rotate 7 3", "SLOT must be 1 or 2")]
    [InlineData("keys revoke 7", "missing SLOT")]
    [InlineData("usage 7 --days 0", "--days must be a whole number of at least 1")]
    [InlineData("usage 7 --days", "option '--days' needs a value")]
    [InlineData("projects list --url ftp://gateway.test", "is not an http or https URL")]
    [InlineData("projects create --name v --model-type visual --frame-rate fast", "--frame-rate must be a number of at least 0, not 'fast'")]
    [InlineData("banks show", "missing NAME")]
    [InlineData("banks show ..", "NAME must be a bank's name, not '..'")]
    [InlineData("banks delete .", "NAME must be a bank's name, not '.'")]
    [InlineData("banks add hotline", "nothing to add; give --file PATH, or --hash, --content-id and --label")]
    [InlineData("banks add hotline --hash abc123 --content-id r --label csam", "--hash must be a PDQ hash of 64 hex digits, not 'abc123'")]
    [InlineData("banks add hotline --hash HEX --label csam", "one hash needs --hash, --content-id and --label; --content-id is missing")]
    [InlineData("banks add hotline --file hashes.csv --label csam", "give either --file or --hash with --content-id and --label, not both")]
    [InlineData("banks add hotline --hash HEX --content-id a --content-id b --label csam", "'--content-id' is given more than once")]
    [InlineData("banks remove hotline", "nothing to remove; give --content-id ID (repeat for more) or --file PATH")]
    [InlineData("banks remove hotline --file ids.txt --content-id a", "give either --content-id or --file, not both")]
    [InlineData("banks hashes hotline --offset -1", "--offset must be a whole number of at least 0")]
    [InlineData("banks hashes hotline --limit 0", "--limit must be a whole number of at least 1")]
    [InlineData("banks create", "missing NAME")]
    [InlineData("banks create hotline --match-transforms yes", "--match-transforms must be true or false, not 'yes'")]
    [InlineData("banks update hotline", "nothing to change: give --description, --match-transforms or both")]
    [InlineData("reviewers create --name Ada --projects 1", "missing required option --roles")]
    [InlineData("reviewers create --name Ada --projects 1,x --roles reviewer", "--projects takes project ids (positive whole numbers), comma-separated, not 'x'")]
    [InlineData("reviewers update 4", "nothing to update")]
    [InlineData("reviewers disable ../4", "REVIEWER_ID must be a positive whole number")]
    public async Task A_command_line_that_cannot_be_understood_gets_one_error_line_exit_2_and_sends_nothing(string commandLine, string expected)
    {
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync(
            ["--token", "t", .. commandLine.Replace("HEX", Hex, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)], handler);

        var error = result.AssertOneErrorLine(exitCode: 2);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("projects create")]
    [InlineData("projects list")]
    [InlineData("projects show")]
    [InlineData("projects update")]
    [InlineData("projects disable")]
    [InlineData("projects enable")]
    [InlineData("keys rotate")]
    [InlineData("keys revoke")]
    [InlineData("webhook-secret rotate")]
    [InlineData("usage")]
    [InlineData("banks create")]
    [InlineData("banks list")]
    [InlineData("banks show")]
    [InlineData("banks delete")]
    [InlineData("banks update")]
    [InlineData("banks add")]
    [InlineData("banks remove")]
    [InlineData("banks hashes")]
    public async Task Every_command_has_help_that_needs_no_token_and_sends_nothing(string command)
    {
        var handler = ScriptedHandler.Answering("{}");

        var result = await CliRun.RunAsync([.. command.Split(' '), "--help"], handler);

        result.AssertSucceeded();
        Assert.Contains($"Usage: hiveorleans {command}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--token TOKEN", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("--help", "projects create")]
    [InlineData("-h", "webhook-secret rotate PROJECT_ID")]
    [InlineData("projects --help", "projects update PROJECT_ID")]
    [InlineData("keys --help", "keys revoke PROJECT_ID SLOT")]
    [InlineData("webhook-secret --help", "webhook-secret rotate PROJECT_ID")]
    [InlineData("banks --help", "banks add NAME")]
    [InlineData("banks add --help", "--file PATH")]
    [InlineData("projects update --help", "--hash-banks A,B")]
    [InlineData("projects create --help", "--review-timeout DURATION")]
    public async Task The_top_level_and_every_group_list_their_commands_under_help(string commandLine, string listed)
    {
        var result = await CliRun.RunAsync(commandLine.Split(' '));

        result.AssertSucceeded();
        Assert.Contains(listed, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_error_is_shown_as_the_message_of_its_json_body_on_one_line_with_exit_1()
    {
        var handler = new ScriptedHandler(HttpStatusCode.Conflict, """{"return_code": 409, "message": "Slot 2 is\nalready revoked."}""");

        var result = await CliRun.RunAsync([.. Connection, "keys", "revoke", "7", "2"], handler);

        Assert.Equal("error: Slot 2 is already revoked.", result.AssertOneErrorLine(exitCode: 1));
    }

    [Fact]
    public async Task An_api_error_without_a_json_body_names_the_request_and_the_status()
    {
        var handler = new ScriptedHandler(HttpStatusCode.BadGateway, "<html><body>\nbad gateway\n</body></html>", "text/html");

        var result = await CliRun.RunAsync([.. Connection, "projects", "list"], handler);

        Assert.Equal("error: GET http://gateway.test:5080/admin/v1/projects answered 502 Bad Gateway", result.AssertOneErrorLine(exitCode: 1));
    }

    [Fact]
    public async Task A_gateway_that_is_not_listening_gives_one_error_line_naming_the_url_and_exit_1()
    {
        var url = $"http://127.0.0.1:{FreeTcpPort.Next()}/";

        var result = await CliRun.RunAsync(["--url", url, "--token", "t", "projects", "list"]);

        var error = result.AssertOneErrorLine(exitCode: 1);
        Assert.Contains("connection refused", error, StringComparison.Ordinal);
        Assert.Contains(url, error, StringComparison.Ordinal);
    }

    private static void AssertJsonEqual(string expected, string? actual)
    {
        Assert.NotNull(actual);
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expectedNode, actualNode), $"expected {expectedNode?.ToJsonString()}, sent {actual}");
    }
}
