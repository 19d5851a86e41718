using System.Net;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Admin;

/// <summary>
/// Manual-review projects through the operator API and the task API on a real gateway, silo and PostgreSQL: the
/// settings that steer review, their defaults and their errors, and the tasks they send to review or let finish.
/// </summary>
public sealed class ReviewSettingsTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    /// <summary>Scored violence 2 or more by the text model; the calm text scores 0 on every head.</summary>
    private const string Threat = "I will kill you tonight, you are dead";
    private const string Calm = "have a lovely day at the beach";

    private static readonly string[] TextHeads =
        ["sexual", "hate", "violence", "bullying", "drugs", "self_harm", "spam", "promotions", "child_exploitation", "gibberish"];

    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task A_manual_review_project_shows_its_review_defaults_and_a_model_only_project_has_none()
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "reviewed", model_type = "text", review = "manual_review" });
        Assert.Equal(HttpStatusCode.Created, status);
        var (_, project) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{created.GetProperty("project_id").GetInt64()}");

        Assert.Equal("manual_review", project.GetProperty("review").GetString());
        Assert.Equal("always", project.GetProperty("review_when").GetString());
        Assert.Equal(0, project.GetProperty("review_sample").GetDouble());
        Assert.Equal(TextHeads, project.GetProperty("review_labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(JsonValueKind.Null, project.GetProperty("review_timeout").ValueKind);

        var (_, plain) = await _client.AdminAsync(HttpMethod.Get, $"/admin/v1/projects/{gateway.Project.ProjectId}");
        Assert.False(plain.TryGetProperty("review_when", out _));
        Assert.False(plain.TryGetProperty("review_timeout", out _));
    }

    [Fact]
    public async Task Review_settings_are_stored_as_given_changed_one_at_a_time_and_dropped_with_manual_review()
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new
        {
            name = "steered",
            model_type = "text",
            review = "manual_review",
            review_when = new { violence = 2, sexual = 3 },
            review_sample = 0.05,
            review_labels = new[] { "threat", "nudity", "spam_2" },
            review_timeout = "36h",
        });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("project_id").GetInt64();
        Assert.Equal("""{"sexual":3,"violence":2}""", created.GetProperty("review_when").GetRawText());
        Assert.Equal(0.05, created.GetProperty("review_sample").GetDouble());
        Assert.Equal(["threat", "nudity", "spam_2"], created.GetProperty("review_labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("36h", created.GetProperty("review_timeout").GetString());

        var (_, daily) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{id}", new { review_timeout = "24h" });
        Assert.Equal("1d", daily.GetProperty("review_timeout").GetString());
        Assert.Equal(0.05, daily.GetProperty("review_sample").GetDouble());
        Assert.Equal(2, daily.GetProperty("config_version").GetInt32());

        var (_, cleared) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{id}", Json("""{"review_timeout": null, "review_labels": null, "review_when": "always"}"""));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("review_timeout").ValueKind);
        Assert.Equal(TextHeads, cleared.GetProperty("review_labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("always", cleared.GetProperty("review_when").GetString());

        var (_, modelOnly) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{id}", new { review = "model_only" });
        Assert.False(modelOnly.TryGetProperty("review_sample", out _));
        var (refusedStatus, refused) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{id}", new { review_sample = 0.5 });
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Equal("'review_sample' needs \"review\": \"manual_review\"; a model_only project has no reviewers to send tasks to.", refused.GetProperty("message").GetString());

        var (_, again) = await _client.AdminAsync(HttpMethod.Patch, $"/admin/v1/projects/{id}", new { review = "manual_review" });
        Assert.Equal("always", again.GetProperty("review_when").GetString());
        Assert.Equal(0, again.GetProperty("review_sample").GetDouble());
    }

    [Theory]
    [InlineData("""{"review_when": {"kindness": 2}}""", "'review_when' names 'kindness', which is not a class of a text project; known: sexual, hate, violence,")]
    [InlineData("""{"review_when": {"violence": 4}}""", "'review_when.violence' must be a whole number from 0 to 3.")]
    [InlineData("""{"review_when": {"violence": "2"}}""", "'review_when.violence' must be a whole number from 0 to 3.")]
    [InlineData("""{"review_when": "sometimes"}""", "'review_when' must be \"always\" or an object of class names to minimum severities")]
    [InlineData("""{"review_when": 2}""", "'review_when' must be \"always\" or an object of class names to minimum severities")]
    [InlineData("""{"review_when": {}}""", "'review_when' names no class; use \"always\"")]
    [InlineData("""{"review_sample": 1.5}""", "'review_sample' must be a number from 0 to 1.")]
    [InlineData("""{"review_sample": -0.1}""", "'review_sample' must be a number from 0 to 1.")]
    [InlineData("""{"review_sample": "half"}""", "'review_sample' must be a number from 0 to 1.")]
    [InlineData("""{"review_labels": []}""", "'review_labels' must name at least one label.")]
    [InlineData("""{"review_labels": "spam"}""", "'review_labels' must be an array of strings.")]
    [InlineData("""{"review_labels": ["Spam"]}""", "'review_labels' entries are 1 to 40 lowercase letters, digits or '_'; 'Spam' is not.")]
    [InlineData("""{"review_labels": ["hate speech"]}""", "'review_labels' entries are 1 to 40 lowercase letters, digits or '_'; 'hate speech' is not.")]
    [InlineData("""{"review_labels": ["spam", "hate", "spam"]}""", "'review_labels' names 'spam' more than once.")]
    [InlineData("""{"review_timeout": "soon"}""", "'review_timeout' must be a duration such as \"30m\", \"24h\" or \"7d\"")]
    [InlineData("""{"review_timeout": "1.5h"}""", "'review_timeout' must be a duration such as \"30m\", \"24h\" or \"7d\"")]
    [InlineData("""{"review_timeout": 3600}""", "'review_timeout' must be a duration such as \"30m\", \"24h\" or \"7d\"")]
    [InlineData("""{"review_timeout": "30s"}""", "'review_timeout' must be from 1 minute (\"1m\") to 30 days (\"30d\"), or null for none.")]
    [InlineData("""{"review_timeout": "31d"}""", "'review_timeout' must be from 1 minute (\"1m\") to 30 days (\"30d\"), or null for none.")]
    [InlineData("""{"review_timeout": "999999999d"}""", "'review_timeout' must be from 1 minute (\"1m\") to 30 days (\"30d\"), or null for none.")]
    public async Task Invalid_review_settings_get_400_saying_which_and_why(string settings, string messageStart)
    {
        var json = """{"name": "x", "model_type": "text", "review": "manual_review", """ + settings[1..];
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("return_code").GetInt32());
        Assert.StartsWith(messageStart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name": "x", "model_type": "text", "review_when": "always"}""", "'review_when' needs \"review\": \"manual_review\"")]
    [InlineData("""{"name": "x", "model_type": "text", "review": "model_only", "review_timeout": "1h"}""", "'review_timeout' needs \"review\": \"manual_review\"")]
    [InlineData("""{"name": "x", "model_type": "text", "review_labels": null}""", "'review_labels' needs \"review\": \"manual_review\"")]
    [InlineData("""{"name": "x", "model_type": "visual", "review": "manual_review"}""", "'review_labels' is required for a visual project, which has no fixed classes to default to")]
    [InlineData("""{"name": "x", "model_type": "visual", "review": "manual_review", "review_labels": ["csam"], "review_when": {"yes_csam": 1}}""", "'review_when' names 'yes_csam', but a visual project has no fixed classes to name; use \"always\".")]
    public async Task Review_settings_a_project_cannot_have_get_400_saying_why(string json, string messageStart)
    {
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(messageStart, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visual_manual_review_project_takes_the_labels_it_is_given()
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "pictures", model_type = "visual", review = "manual_review", review_labels = new[] { "nudity", "gore" } });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(["nudity", "gore"], created.GetProperty("review_labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task A_task_the_rules_send_waits_for_review_and_one_they_do_not_send_finishes_with_review_null()
    {
        var key = await ManualReviewProjectAsync(new { violence = 2 }, sample: 0);

        var threat = await SubmitAsync(key, Threat);
        var calm = await SubmitAsync(key, Calm);

        var waiting = await _client.WaitForFinishedAsync(key, threat);
        Assert.Equal("AWAITING_REVIEW", HiveApi.StatusCode(waiting));
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("review").ValueKind);
        var finished = await _client.WaitForFinishedAsync(key, calm);
        Assert.Equal("0", HiveApi.StatusCode(finished));
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("review").ValueKind);
        Assert.Equal(0, HiveApi.Score(finished, "violence"));
    }

    [Fact]
    public async Task Sampling_every_task_sends_one_the_scores_would_not()
    {
        var key = await ManualReviewProjectAsync(new { violence = 2 }, sample: 1);

        var calm = await _client.WaitForFinishedAsync(key, await SubmitAsync(key, Calm));

        Assert.Equal("AWAITING_REVIEW", HiveApi.StatusCode(calm));
        Assert.Equal(JsonValueKind.Null, calm.GetProperty("review").ValueKind);
    }

    [Fact]
    public async Task A_sync_task_to_a_manual_review_project_gets_400_saying_to_submit_async()
    {
        var key = await ManualReviewProjectAsync(new { violence = 2 }, sample: 0);

        var (status, body) = await _client.SubmitTextAsync(key, "sync", Calm);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("This project uses manual review, which is asynchronous: submit to /api/v2/task/async", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> ManualReviewProjectAsync(object when, double sample)
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new
        {
            name = "routed",
            model_type = "text",
            review = "manual_review",
            review_when = when,
            review_sample = sample,
        });
        Assert.Equal(HttpStatusCode.Created, status);
        return created.GetProperty("api_keys")[0].GetString()!;
    }

    private async Task<string> SubmitAsync(string key, string text)
    {
        var (status, acknowledged) = await _client.SubmitTextAsync(key, "async", text);
        Assert.Equal(HttpStatusCode.OK, status);
        return acknowledged.GetProperty("task_id").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
