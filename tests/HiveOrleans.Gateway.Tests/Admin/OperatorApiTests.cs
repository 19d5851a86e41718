using System.Net;
using System.Text;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Admin;

public sealed class OperatorApiTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    /// <summary>The gateway's default key cache lifetime: the stated bound on how long a revoked key keeps working.</summary>
    private static readonly TimeSpan RevocationBound = TimeSpan.FromSeconds(5);

    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task A_project_is_created_with_its_settings_and_can_be_read_and_listed()
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new
        {
            name = "marketplace",
            model_type = "text",
            sync_timeout_seconds = 7,
            max_text_length = 5000,
            rate_limit = new { per_second = 50, burst = 100 },
            daily_quota = 10000,
            charge_per_task = 0.25,
            config_tag = "spring",
            thresholds = new { violence = 2 },
        });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("project_id").GetInt64();
        Assert.Equal(2, created.GetProperty("api_keys").GetArrayLength());

        var (getStatus, project) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{id}");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("marketplace", project.GetProperty("name").GetString());
        Assert.Equal(7, project.GetProperty("sync_timeout_seconds").GetDouble());
        Assert.Equal(5000, project.GetProperty("max_text_length").GetInt32());
        Assert.Equal(50, project.GetProperty("rate_limit").GetProperty("per_second").GetDouble());
        Assert.Equal(100, project.GetProperty("rate_limit").GetProperty("burst").GetInt32());
        Assert.Equal(10000, project.GetProperty("daily_quota").GetInt64());
        Assert.Equal(0.25, project.GetProperty("charge_per_task").GetDouble());
        Assert.Equal(2, project.GetProperty("thresholds").GetProperty("violence").GetInt32());
        Assert.False(project.TryGetProperty("api_keys", out _));
        Assert.All(project.GetProperty("keys").EnumerateArray(), key => Assert.True(key.GetProperty("live").GetBoolean()));

        var (_, list) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/projects");
        Assert.Contains(list.GetProperty("projects").EnumerateArray(), p => p.GetProperty("project_id").GetInt64() == id);
    }

    [Fact]
    public async Task Updating_a_project_bumps_its_config_version_and_results_carry_it()
    {
        var project = await _client.CreateProjectAsync("versioned");
        var (status, updated) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{project.ProjectId}", new { config_tag = "v2", max_text_length = 2000 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, updated.GetProperty("config_version").GetInt32());
        Assert.Equal("v2", updated.GetProperty("config_tag").GetString());

        // The gateway picks up the change within its cache lifetime.
        var task = await Eventually.UntilAsync(
            async () => (await _client.SubmitTextAsync(project.Key, "sync", new string('a', 1500))).Body,
            answer => answer.TryGetProperty("status", out _),
            RevocationBound + TimeSpan.FromSeconds(2),
            "the new text limit to be in force (within the cache bound)",
            interval: TimeSpan.FromMilliseconds(200));
        var input = task.GetProperty("status")[0].GetProperty("response").GetProperty("input");
        Assert.Equal(2, input.GetProperty("config_version").GetInt32());
        Assert.Equal("v2", input.GetProperty("config_tag").GetString());
    }

    [Fact]
    public async Task A_disabled_project_refuses_new_tasks_until_enabled()
    {
        var project = await _client.CreateProjectAsync("switchable");
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(project.Key, "sync", "before")).Status);
        var (status, disabled) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/disable");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());

        await SubmissionsEventuallyGetAsync(project.Key, "while disabled", HttpStatusCode.Forbidden);

        await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/enable");
        await SubmissionsEventuallyGetAsync(project.Key, "after", HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rotating_one_key_leaves_the_other_working_with_no_failed_request()
    {
        var project = await _client.CreateProjectAsync("rotating");
        var failures = 0;
        var sent = 0;
        var current = project.ApiKeys[0];
        using var stop = new CancellationTokenSource();
        var caller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, _) = await _client.SubmitTextAsync(Volatile.Read(ref current), "async", "steady traffic");
                Interlocked.Increment(ref sent);
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        // The client runs on key 1 while slot 2 is rotated, switches to the new key 2, then slot 1 is rotated.
        var (_, rotated2) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/keys/2/rotate");
        var newKey2 = rotated2.GetProperty("api_key").GetString()!;
        Volatile.Write(ref current, newKey2);
        var (_, rotated1) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/keys/1/rotate");
        await Task.Delay(RevocationBound + TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await caller;

        Assert.True(sent > 10, $"only {sent} requests were sent");
        Assert.Equal(0, failures);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SubmitTextAsync(project.ApiKeys[0], "async", "old key 1")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SubmitTextAsync(project.ApiKeys[1], "async", "old key 2")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(rotated1.GetProperty("api_key").GetString()!, "async", "new key 1")).Status);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_within_the_stated_bound()
    {
        var project = await _client.CreateProjectAsync("revoking");
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(project.ApiKeys[1], "sync", "warm the cache")).Status);

        var (status, revoked) = await _client.AdminAsync(HttpMethod.Delete, $"/admin/v1/projects/{project.ProjectId}/keys/2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        await Eventually.UntilAsync(
            async () => (await _client.SubmitTextAsync(project.ApiKeys[1], "async", "after revocation")).Status,
            status => status == HttpStatusCode.Forbidden,
            RevocationBound + TimeSpan.FromSeconds(1),
            "the revoked key to be refused");

        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(project.ApiKeys[0], "async", "the other slot")).Status);
        var (_, details) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{project.ProjectId}");
        Assert.False(details.GetProperty("keys")[1].GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task Rotating_the_webhook_secret_keeps_the_previous_one_for_a_day()
    {
        var project = await _client.CreateProjectAsync("webhooks");
        var (status, rotated) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/webhook-secret/rotate");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(project.WebhookSecret, rotated.GetProperty("webhook_secret").GetString());
        var until = DateTimeOffset.Parse(rotated.GetProperty("previous_valid_until").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
    }

    [Fact]
    public async Task Accepted_tasks_and_their_charge_are_summed_per_day()
    {
        var (_, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "billed", model_type = "text", charge_per_task = 0.5 });
        var id = created.GetProperty("project_id").GetInt64();
        var key = created.GetProperty("api_keys")[0].GetString()!;
        for (var i = 0; i < 4; i++)
        {
            var (_, task) = await _client.SubmitTextAsync(key, "sync", $"billable {i}");
            Assert.Equal(0.5, task.GetProperty("status")[0].GetProperty("response").GetProperty("input").GetProperty("charge").GetDouble());
        }

        await Eventually.UntilAsync(
            async () =>
            {
                var (status, usage) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{id}/usage?days=7");
                Assert.Equal(HttpStatusCode.OK, status);
                return usage;
            },
            usage => usage.GetProperty("days") is var days
                && days.GetArrayLength() == 1
                && days[0].GetProperty("date").GetString() == DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                && days[0].GetProperty("tasks").GetInt64() == 4
                && Math.Abs(days[0].GetProperty("charge").GetDouble() - 2.0) < 1e-9,
            RevocationBound + TimeSpan.FromSeconds(5),
            "today's usage to sum four tasks charged 2.0",
            interval: TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Thresholds_report_scores_below_them_as_zero()
    {
        const string text = "You are a stupid idiot.";
        var plain = await _client.CreateProjectAsync("no thresholds");
        var (_, before) = await _client.SubmitTextAsync(plain.Key, "sync", text);
        var bullying = HiveApi.Score(before, "bullying");
        Assert.InRange(bullying, 1, 2);

        var (_, strict) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "thresholds", model_type = "text", thresholds = new { bullying = 3 } });
        var (_, after) = await _client.SubmitTextAsync(strict.GetProperty("api_keys")[0].GetString()!, "sync", text);
        Assert.Equal(0, HiveApi.Score(after, "bullying"));
    }

    [Fact]
    public async Task A_projects_blocklist_is_matched_through_obfuscation_and_its_allowlist_silences_built_in_hits()
    {
        const string text = "That b4n4n4-phone deal is shit.";
        var plain = await _client.CreateProjectAsync("no lists");
        var (_, before) = await _client.SubmitTextAsync(plain.Key, "sync", text);
        var response = before.GetProperty("status")[0].GetProperty("response");
        Assert.Contains(response.GetProperty("text_filters").EnumerateArray(), f => f.GetProperty("value").GetString() == "shit");
        Assert.Equal(0, response.GetProperty("custom_classes").GetArrayLength());

        var (_, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new
        {
            name = "lists",
            model_type = "text",
            blocklist = new[] { "banana phone" },
            allowlist = new[] { "shit" },
        });
        Assert.Equal("banana phone", created.GetProperty("blocklist")[0].GetString());
        var (_, after) = await _client.SubmitTextAsync(created.GetProperty("api_keys")[0].GetString()!, "sync", text);
        var listed = after.GetProperty("status")[0].GetProperty("response");

        var custom = Assert.Single(listed.GetProperty("text_filters").EnumerateArray());
        Assert.Equal("custom_blocklist", custom.GetProperty("type").GetString());
        Assert.Equal("b4n4n4-phone", text[custom.GetProperty("start_index").GetInt32()..custom.GetProperty("end_index").GetInt32()]);
        Assert.Equal("custom_blocklist", listed.GetProperty("custom_classes")[0].GetProperty("class").GetString());
    }

    [Theory]
    [InlineData("""{"name": "x", "model_type": "text", "max_text_length": 100001}""", "'max_text_length' must be a whole number from 1 to 100000.")]
    [InlineData("""{"name": "x", "model_type": "text", "rate_limit": {"per_second": 0}}""", "'rate_limit.per_second' must be a number from 0.001 to 1000000.")]
    [InlineData("""{"name": "x", "model_type": "text", "thresholds": {"kindness": 2}}""", "'thresholds' names 'kindness'")]
    [InlineData("""{"name": "x", "model_type": "text", "daily_quota": "lots"}""", "'daily_quota' must be a whole number of 1 or more.")]
    [InlineData("""{"name": "x", "model_type": "text", "sync_timeout_seconds": 0}""", "'sync_timeout_seconds' must be a number from 1 to 300.")]
    // Out of range for the conversion behind them (a time span, 32 bits, a wait in seconds): refused as written,
    // never overflowed (which was a 503) nor cast into range (4294968320 was stored as 1024).
    [InlineData("""{"name": "x", "model_type": "text", "sync_timeout_seconds": 1e20}""", "'sync_timeout_seconds' must be a number from 1 to 300.")]
    [InlineData("""{"name": "x", "model_type": "text", "sync_timeout_seconds": -1e20}""", "'sync_timeout_seconds' must be a number from 1 to 300.")]
    [InlineData("""{"name": "x", "model_type": "text", "sync_timeout_seconds": 1e308}""", "'sync_timeout_seconds' must be a number from 1 to 300.")]
    [InlineData("""{"name": "x", "model_type": "text", "sync_timeout_seconds": 123456789012345678901234567890}""", "'sync_timeout_seconds' must be a number from 1 to 300.")]
    [InlineData("""{"name": "x", "model_type": "text", "max_text_length": 4294968320}""", "'max_text_length' must be a whole number from 1 to 100000.")]
    [InlineData("""{"name": "x", "model_type": "text", "max_text_length": -4294967295}""", "'max_text_length' must be a whole number from 1 to 100000.")]
    [InlineData("""{"name": "x", "model_type": "text", "rate_limit": {"per_second": 1e-300}}""", "'rate_limit.per_second' must be a number from 0.001 to 1000000.")]
    [InlineData("""{"name": "x", "model_type": "text", "thresholds": {"violence": "2"}}""", "'thresholds.violence' must be a whole number from 0 to 3 (a text project's severity), or a score from 0 to 1 (a visual project's class).")]
    [InlineData("""{"name": "x", "model_type": "text", "thresholds": {"violence": {}}}""", "'thresholds.violence' must be a whole number from 0 to 3 (a text project's severity), or a score from 0 to 1 (a visual project's class).")]
    [InlineData("""{"name": "x", "model_type": "text", "thresholds": {"violence": null}}""", "'thresholds.violence' must be a whole number from 0 to 3 (a text project's severity), or a score from 0 to 1 (a visual project's class).")]
    // Fractions are a visual project's scores; a text project's thresholds stay whole severities.
    [InlineData("""{"name": "x", "model_type": "text", "thresholds": {"violence": 2.5}}""", "'thresholds.violence' must be a severity from 0 to 3.")]
    [InlineData("""{"name": "x", "model_type": "visual", "thresholds": {"general_nsfw": 1.5}}""", "'thresholds.general_nsfw' must be a score from 0 to 1 on a visual project.")]
    [InlineData("""{"name": "x", "model_type": "visual", "thresholds": {"violence": 0.5}}""", "'thresholds' names 'violence', which is not a scored class of this visual project; known: general_nsfw, ")]
    // Text .NET cannot hold, and fields given twice, anywhere in the operator API's JSON.
    [InlineData("""{"name": "x\ud800", "model_type": "text"}""", "'name' is not valid Unicode text.")]
    [InlineData("""{"name": "x", "model_type": "text", "blocklist": ["ok", "\udc00"]}""", "'blocklist[1]' is not valid Unicode text.")]
    [InlineData("""{"name": "x", "model_type": "text", "thresholds": {"\ud800": 2}}""", "A field name in 'thresholds' is not valid Unicode text.")]
    [InlineData("""{"name": "x", "model_type": "text", "name": "y"}""", "'name' was given twice; give it once.")]
    [InlineData("""{"name": "x", "model_type": "text", "rate_limit": {"per_second": 1, "per_second": 2}}""", "'rate_limit.per_second' was given twice; give it once.")]
    public async Task Invalid_settings_get_400_saying_which_and_why(string json, string messageStart)
    {
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("return_code").GetInt32());
        Assert.StartsWith(messageStart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_is_not_UTF_8_gets_400_naming_it()
    {
        byte[] json = [.. "{\"name\": \"x"u8, 0xC3, 0x28, .. "\", \"model_type\": \"text\"}"u8];
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", content);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("return_code").GetInt32());
        Assert.Contains("'name'", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_on_a_project_that_does_not_exist_get_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.AdminAsync(HttpMethod.Get, "/admin/v1/projects/987654")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.AdminAsync(HttpMethod.Patch, "/admin/v1/projects/987654", new { name = "y" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects/987654/keys/1/rotate")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.AdminAsync(HttpMethod.Get, "/admin/v1/projects/987654/usage")).Status);
    }

    [Fact]
    public async Task A_key_slot_other_than_1_or_2_gets_400()
    {
        var project = await _client.CreateProjectAsync("slots");
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, $"/admin/v1/projects/{project.ProjectId}/keys/3/rotate");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("A project has key slots 1 and 2.", body.GetProperty("message").GetString());
    }

    private Task SubmissionsEventuallyGetAsync(string key, string text, HttpStatusCode expected) =>
        Eventually.UntilAsync(
            async () => (await _client.SubmitTextAsync(key, "async", text)).Status,
            status => status == expected,
            RevocationBound + TimeSpan.FromSeconds(5),
            $"a submission to get {(int)expected}",
            interval: TimeSpan.FromMilliseconds(200));
}
