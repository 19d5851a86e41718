using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Pdq;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Banks;

public sealed class BankAdminApiTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private const string Banked = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task A_bank_is_created_filled_counted_paged_emptied_and_deleted()
    {
        var (status, created) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "hotline", description = "reports from the hotline" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("hotline", created.GetProperty("name").GetString());
        Assert.Equal("reports from the hotline", created.GetProperty("description").GetString());
        Assert.Equal(0, created.GetProperty("hash_count").GetInt64());
        Assert.True(created.TryGetProperty("created_on", out _));

        var (addStatus, added) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/banks/hotline/hashes", new
        {
            hashes = new[]
            {
                new { content_id = "report-1", hash = Banked.ToUpperInvariant(), label = "csam" },
                new { content_id = "report-2", hash = Hex(2), label = "csam" },
                new { content_id = "report-3", hash = Hex(3), label = "terror" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, addStatus);
        Assert.Equal((3, 0, 0), Counts(added));

        var (_, again) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/banks/hotline/hashes", new
        {
            hashes = new[] { new { content_id = "report-2", hash = Hex(2), label = "csam" }, new { content_id = "report-3", hash = Hex(3), label = "ncii" } },
        });
        Assert.Equal((0, 1, 1), Counts(again));

        var (getStatus, bank) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks/hotline");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(3, bank.GetProperty("hash_count").GetInt64());
        Assert.Equal(2, bank.GetProperty("labels").GetProperty("csam").GetInt64());
        Assert.Equal(1, bank.GetProperty("labels").GetProperty("ncii").GetInt64());
        Assert.False(bank.GetProperty("labels").TryGetProperty("terror", out _));

        var (_, list) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks");
        Assert.Contains(list.GetProperty("banks").EnumerateArray(), b => b.GetProperty("name").GetString() == "hotline" && b.GetProperty("hash_count").GetInt64() == 3);

        var (pageStatus, page) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks/hotline/hashes?offset=1&limit=1");
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        var listed = Assert.Single(page.GetProperty("hashes").EnumerateArray());
        Assert.Equal("report-2", listed.GetProperty("content_id").GetString());
        Assert.Equal(Hex(2), listed.GetProperty("hash").GetString());
        Assert.Equal("csam", listed.GetProperty("label").GetString());
        var (_, first) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks/hotline/hashes");
        Assert.Equal(Banked, first.GetProperty("hashes")[0].GetProperty("hash").GetString());

        // The co-hosted silo's matcher has what the API wrote once it has applied the answer's seq.
        var index = gateway.Server.Services.GetRequiredService<BankIndex>();
        await index.WaitForAsync(again.GetProperty("seq").GetInt64(), TimeSpan.FromSeconds(15));
        Assert.Equal([("report-1", "csam", 0)], index.Match(["hotline"], PdqHash.FromHex(Banked)).Select(m => (m.ContentId, m.Label, m.Distance)));

        var (removeStatus, removed) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/banks/hotline/hashes/remove", new { content_ids = new[] { "report-1", "never-added" } });
        Assert.Equal(HttpStatusCode.OK, removeStatus);
        Assert.Equal(1, removed.GetProperty("removed").GetInt32());
        await index.WaitForAsync(removed.GetProperty("seq").GetInt64(), TimeSpan.FromSeconds(15));
        Assert.Empty(index.Match(["hotline"], PdqHash.FromHex(Banked)));

        var (deleteStatus, deleted) = await _client.AdminAsync(HttpMethod.Delete, "/admin/v1/banks/hotline");
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks/hotline")).Status);
        var (_, after) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks");
        Assert.DoesNotContain(after.GetProperty("banks").EnumerateArray(), b => b.GetProperty("name").GetString() == "hotline");
    }

    [Fact]
    public async Task Bad_hashes_labels_and_content_ids_are_refused_naming_the_entry()
    {
        await CreateAsync("strict");

        await AssertErrorAsync(HttpStatusCode.BadRequest, "hashes[1].hash", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new
        {
            hashes = new[] { new { content_id = "a", hash = Hex(1), label = "csam" }, new { content_id = "b", hash = "not-a-hash", label = "csam" } },
        });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "hashes[0].label", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new
        {
            hashes = new[] { new { content_id = "a", hash = Hex(1), label = "Child Abuse" } },
        });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "hashes[0].content_id", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new
        {
            hashes = new[] { new { content_id = "", hash = Hex(1), label = "csam" } },
        });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "hashes[0].hash", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new
        {
            hashes = new[] { new { content_id = "a", hash = (string?)null, label = "csam" } },
        });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'hashes'", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new { items = Array.Empty<object>() });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'hashes'", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new { hashes = Array.Empty<object>() });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'content_ids'", HttpMethod.Post, "/admin/v1/banks/strict/hashes/remove", new { content_ids = "a" });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "not valid JSON", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new StringContent("{\"hashes\": [", Encoding.UTF8, "application/json"));
        await AssertErrorAsync(HttpStatusCode.UnsupportedMediaType, "application/json", HttpMethod.Post, "/admin/v1/banks/strict/hashes", new StringContent("hashes=1", Encoding.UTF8, "text/plain"));
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'limit'", HttpMethod.Get, "/admin/v1/banks/strict/hashes?limit=0");
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'offset'", HttpMethod.Get, "/admin/v1/banks/strict/hashes?offset=first");

        await AssertErrorAsync(HttpStatusCode.BadRequest, "'match_transforms' must be true or false", HttpMethod.Post, "/admin/v1/banks", new { name = "lax", match_transforms = "yes" });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'match_transforms' must be true or false", HttpMethod.Patch, "/admin/v1/banks/strict", new { match_transforms = 1 });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "Nothing to change", HttpMethod.Patch, "/admin/v1/banks/strict", new { match_transform = false });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'description'", HttpMethod.Patch, "/admin/v1/banks/strict", new { description = new string('d', 1001) });
        await AssertErrorAsync(HttpStatusCode.UnsupportedMediaType, "application/json", HttpMethod.Patch, "/admin/v1/banks/strict", new StringContent("match_transforms=true", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks/lax")).Status);

        var (_, bank) = await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks/strict");
        Assert.Equal(0, bank.GetProperty("hash_count").GetInt64());
        Assert.True(bank.GetProperty("match_transforms").GetBoolean());
    }

    [Fact]
    public async Task Unknown_banks_are_404_and_a_taken_or_malformed_name_is_refused()
    {
        await CreateAsync("taken");

        await AssertErrorAsync(HttpStatusCode.Conflict, "already exists", HttpMethod.Post, "/admin/v1/banks", new { name = "taken" });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "bank name", HttpMethod.Post, "/admin/v1/banks", new { name = "Not A Name" });
        await AssertErrorAsync(HttpStatusCode.BadRequest, "'name'", HttpMethod.Post, "/admin/v1/banks", new { description = "no name" });

        await AssertErrorAsync(HttpStatusCode.NotFound, "not found", HttpMethod.Get, "/admin/v1/banks/unknown");
        await AssertErrorAsync(HttpStatusCode.NotFound, "not found", HttpMethod.Delete, "/admin/v1/banks/unknown");
        await AssertErrorAsync(HttpStatusCode.NotFound, "not found", HttpMethod.Patch, "/admin/v1/banks/unknown", new { match_transforms = true });
        await AssertErrorAsync(HttpStatusCode.NotFound, "not found", HttpMethod.Get, "/admin/v1/banks/unknown/hashes");
        await AssertErrorAsync(HttpStatusCode.NotFound, "not found", HttpMethod.Post, "/admin/v1/banks/unknown/hashes/remove", new { content_ids = new[] { "a" } });
        await AssertErrorAsync(HttpStatusCode.NotFound, "not found", HttpMethod.Post, "/admin/v1/banks/unknown/hashes", new
        {
            hashes = new[] { new { content_id = "a", hash = Hex(1), label = "csam" } },
        });
    }

    [Fact]
    public async Task The_bank_endpoints_need_the_operator_token()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/banks");
        var (status, body) = await _client.SendJsonAsync(anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, body.GetProperty("return_code").GetInt32());

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/banks") { Content = new StringContent("{\"name\": \"sneaky\"}", Encoding.UTF8, "application/json") };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendJsonAsync(wrong)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.AdminAsync(HttpMethod.Get, "/admin/v1/banks/sneaky")).Status);
    }

    private async Task CreateAsync(string name)
    {
        var (status, body) = await _client.AdminAsync(HttpMethod.Post, "/admin/v1/banks", new { name });
        Assert.True(status == HttpStatusCode.Created, $"creating bank {name} answered {(int)status}: {body}");
    }

    private async Task AssertErrorAsync(HttpStatusCode expected, string mentioned, HttpMethod method, string path, object? body = null)
    {
        var (status, error) = await _client.AdminAsync(method, path, body);
        Assert.True(status == expected, $"{method} {path} answered {(int)status}, not {(int)expected}: {error}");
        Assert.Equal((int)expected, error.GetProperty("return_code").GetInt32());
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static (int Added, int Replaced, int Unchanged) Counts(JsonElement result) =>
        (result.GetProperty("added").GetInt32(), result.GetProperty("replaced").GetInt32(), result.GetProperty("unchanged").GetInt32());

    private static string Hex(int value) => $"{new string('a', 48)}{value:x16}";
}
