using System.Globalization;
using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Admin;

/// <summary>
/// The operator API's project documents pinned as the text that crosses the wire: field names and order, nulls,
/// escaping, and how numbers and times are written. Scripts parse these answers, so how the gateway writes them may
/// change and what it writes may not.
/// </summary>
public sealed class ProjectDocumentTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task A_project_is_written_with_every_setting_in_order_its_keys_and_times_and_text_left_readable()
    {
        var created = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects", new
        {
            name = "O'Brien <b> & \"café\" +1",
            model_type = "text",
            review = "model_only",
            sync_timeout_seconds = 7.5,
            max_text_length = 5000,
            rate_limit = new { per_second = 2.5, burst = 10 },
            daily_quota = 1000,
            charge_per_task = 0.1,
            config_tag = "spring",
            thresholds = new { violence = 2, bullying = 1 },
            blocklist = new[] { "banana phone", "b<a>d" },
            allowlist = new[] { "shit" },
        });
        var (id, known) = Created(created);
        created.AssertPinned(HttpStatusCode.Created, $$"""{"project_id":{{id}},"name":"O'Brien <b> & \"café\" +1","model_type":"text","review":"model_only","user_id":1,"disabled":false,"config_version":1,"config_tag":"spring","sync_timeout_seconds":7.5,"max_text_length":5000,"max_body_bytes":20971520,"thresholds":{"bullying":1,"violence":2},"rate_limit":{"per_second":2.5,"burst":10},"daily_quota":1000,"charge_per_task":0.1,"blocklist":["banana phone","b<a>d"],"allowlist":["shit"],"frame_rate":1,"hash_banks":[],"keys":[{"slot":1,"live":true,"prefix":"<prefix1>","created_on":"<time>"},{"slot":2,"live":true,"prefix":"<prefix2>","created_on":"<time>"}],"created_on":"<time>","updated_on":"<time>","api_keys":["<key1>","<key2>"],"webhook_secret":"<secret>"}""", known);

        var read = await _client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{id}");
        read.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"name":"O'Brien <b> & \"café\" +1","model_type":"text","review":"model_only","user_id":1,"disabled":false,"config_version":1,"config_tag":"spring","sync_timeout_seconds":7.5,"max_text_length":5000,"max_body_bytes":20971520,"thresholds":{"bullying":1,"violence":2},"rate_limit":{"per_second":2.5,"burst":10},"daily_quota":1000,"charge_per_task":0.1,"blocklist":["banana phone","b<a>d"],"allowlist":["shit"],"frame_rate":1,"hash_banks":[],"keys":[{"slot":1,"live":true,"prefix":"<prefix1>","created_on":"<time>"},{"slot":2,"live":true,"prefix":"<prefix2>","created_on":"<time>"}],"created_on":"<time>","updated_on":"<time>"}""", known);

        var updated = await _client.AdminRawAsync(HttpMethod.Patch, $"/admin/v1/projects/{id}", new { config_tag = "summer", charge_per_task = 1e-7, max_body_bytes = 1048576 });
        updated.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"name":"O'Brien <b> & \"café\" +1","model_type":"text","review":"model_only","user_id":1,"disabled":false,"config_version":2,"config_tag":"summer","sync_timeout_seconds":7.5,"max_text_length":5000,"max_body_bytes":1048576,"thresholds":{"bullying":1,"violence":2},"rate_limit":{"per_second":2.5,"burst":10},"daily_quota":1000,"charge_per_task":1E-07,"blocklist":["banana phone","b<a>d"],"allowlist":["shit"],"frame_rate":1,"hash_banks":[],"keys":[{"slot":1,"live":true,"prefix":"<prefix1>","created_on":"<time>"},{"slot":2,"live":true,"prefix":"<prefix2>","created_on":"<time>"}],"created_on":"<time>","updated_on":"<time>"}""", known);

        var disabled = await _client.AdminRawAsync(HttpMethod.Post, $"/admin/v1/projects/{id}/disable");
        disabled.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"name":"O'Brien <b> & \"café\" +1","model_type":"text","review":"model_only","user_id":1,"disabled":true,"config_version":3,"config_tag":"summer","sync_timeout_seconds":7.5,"max_text_length":5000,"max_body_bytes":1048576,"thresholds":{"bullying":1,"violence":2},"rate_limit":{"per_second":2.5,"burst":10},"daily_quota":1000,"charge_per_task":1E-07,"blocklist":["banana phone","b<a>d"],"allowlist":["shit"],"frame_rate":1,"hash_banks":[],"keys":[{"slot":1,"live":true,"prefix":"<prefix1>","created_on":"<time>"},{"slot":2,"live":true,"prefix":"<prefix2>","created_on":"<time>"}],"created_on":"<time>","updated_on":"<time>"}""", known);
    }

    [Fact]
    public async Task Unset_limits_and_tags_are_written_as_null_and_a_visual_project_lists_its_banks_and_models()
    {
        var plain = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "plain", model_type = "text" });
        var (plainId, plainKnown) = Created(plain);
        plain.AssertPinned(HttpStatusCode.Created, $$"""{"project_id":{{plainId}},"name":"plain","model_type":"text","review":"model_only","user_id":1,"disabled":false,"config_version":1,"config_tag":null,"sync_timeout_seconds":20,"max_text_length":1024,"max_body_bytes":20971520,"thresholds":{},"rate_limit":null,"daily_quota":null,"charge_per_task":1,"blocklist":[],"allowlist":[],"frame_rate":1,"hash_banks":[],"keys":[{"slot":1,"live":true,"prefix":"<prefix1>","created_on":"<time>"},{"slot":2,"live":true,"prefix":"<prefix2>","created_on":"<time>"}],"created_on":"<time>","updated_on":"<time>","api_keys":["<key1>","<key2>"],"webhook_secret":"<secret>"}""", plainKnown);

        await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "hotline" });
        await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "extra" });
        var visual = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "pictures", model_type = "visual", frame_rate = 0.5, hash_banks = new[] { "hotline", "extra" } });
        var (visualId, visualKnown) = Created(visual);
        var read = await _client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{visualId}");
        read.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{visualId}},"name":"pictures","model_type":"visual","review":"model_only","user_id":1,"disabled":false,"config_version":1,"config_tag":null,"sync_timeout_seconds":20,"max_text_length":1024,"max_body_bytes":20971520,"thresholds":{},"rate_limit":null,"daily_quota":null,"charge_per_task":1,"blocklist":[],"allowlist":[],"frame_rate":0.5,"hash_banks":["hotline","extra"],"visual_models":["nsfw","hash_banks"],"keys":[{"slot":1,"live":true,"prefix":"<prefix1>","created_on":"<time>"},{"slot":2,"live":true,"prefix":"<prefix2>","created_on":"<time>"}],"created_on":"<time>","updated_on":"<time>"}""", visualKnown);
    }

    [Fact]
    public async Task Key_rotation_revocation_and_secret_rotation_answer_exactly_as_before()
    {
        var created = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "keys", model_type = "text" });
        var (id, known) = Created(created);

        var rotated = await _client.AdminRawAsync(HttpMethod.Post, $"/admin/v1/projects/{id}/keys/2/rotate");
        var newKey = JsonDocument.Parse(rotated.Text).RootElement.GetProperty("api_key").GetString()!;
        rotated.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"slot":2,"api_key":"<new key>"}""", (newKey, "<new key>"));

        var revoked = await _client.AdminRawAsync(HttpMethod.Delete, $"/admin/v1/projects/{id}/keys/1");
        revoked.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"slot":1,"revoked":true}""");

        // A revoked slot shows no prefix; the rotated slot shows its new key's.
        var read = await _client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{id}");
        Assert.Contains(
            ""","keys":[{"slot":1,"live":false,"prefix":null,"created_on":"<time>"},{"slot":2,"live":true,"prefix":"<new prefix>","created_on":"<time>"}],""",
            PinnedJson.Normalise(read.Text, [(newKey[..6], "<new prefix>"), .. known]),
            StringComparison.Ordinal);

        var secret = await _client.AdminRawAsync(HttpMethod.Post, $"/admin/v1/projects/{id}/webhook-secret/rotate");
        var newSecret = JsonDocument.Parse(secret.Text).RootElement.GetProperty("webhook_secret").GetString()!;
        secret.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"webhook_secret":"<new secret>","previous_valid_until":"<time>"}""", (newSecret, "<new secret>"));
    }

    [Fact]
    public async Task Usage_is_written_per_day_with_its_date_counts_and_charge()
    {
        var created = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "billed", model_type = "text", charge_per_task = 0.1 });
        var (id, _) = Created(created);
        (await _client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{id}/usage?days=3")).AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"days":[]}""");

        var key = JsonDocument.Parse(created.Text).RootElement.GetProperty("api_keys")[0].GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.SubmitTextAsync(key, "sync", "one billable task")).Status);
        var usage = await Eventually.UntilAsync(
            () => _client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{id}/usage?days=3"),
            answer => answer.Text.Contains("\"tasks\":1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "today's usage to count the task");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        usage.AssertPinned(HttpStatusCode.OK, $$"""{"project_id":{{id}},"days":[{"date":"{{today}}","tasks":1,"charge":0.1,"rejected":0}]}""");
    }

    [Fact]
    public async Task The_project_list_is_each_project_document_in_id_order()
    {
        await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "listed", model_type = "text" });
        var list = await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/projects");
        var ids = JsonDocument.Parse(list.Text).RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("project_id").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);

        var documents = new List<string>();
        foreach (var id in ids)
        {
            documents.Add((await _client.AdminRawAsync(HttpMethod.Get, $"/admin/v1/projects/{id}")).Text);
        }

        list.AssertPinned(HttpStatusCode.OK, PinnedJson.Normalise($"{{\"projects\":[{string.Join(',', documents)}]}}"));
    }

    /// <summary>The new project's id, and its secrets with the placeholders the pinned text uses for them.</summary>
    private static (long Id, (string, string)[] Known) Created(PinnedAnswer created)
    {
        Assert.True(created.Status == HttpStatusCode.Created, $"creation answered {(int)created.Status}: {created.Text}");
        var root = JsonDocument.Parse(created.Text).RootElement;
        var keys = root.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!).ToArray();
        return (root.GetProperty("project_id").GetInt64(),
        [
            (keys[0], "<key1>"), (keys[1], "<key2>"), (root.GetProperty("webhook_secret").GetString()!, "<secret>"),
            ($"\"prefix\":\"{keys[0][..6]}\"", "\"prefix\":\"<prefix1>\""), ($"\"prefix\":\"{keys[1][..6]}\"", "\"prefix\":\"<prefix2>\""),
        ]);
    }
}
