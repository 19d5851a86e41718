using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Banks;

/// <summary>
/// The bank API's documents and its refusals pinned as the text that crosses the wire (see <see cref="PinnedJson"/>).
/// Change sequence numbers are pinned relative to the first one the test sees.
/// </summary>
public sealed class BankDocumentTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task Every_bank_document_keeps_its_fields_order_counts_and_times()
    {
        var created = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "hotline", description = "reports <from> the \"hotline\" – café" });
        created.AssertPinned(HttpStatusCode.Created, """{"name":"hotline","description":"reports <from> the \"hotline\" – café","match_transforms":true,"created_on":"<time>","hash_count":0,"labels":{}}""");

        var added = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks/hotline/hashes", new
        {
            hashes = new[]
            {
                new { content_id = "report-3", hash = Hex(3), label = "terror" },
                new { content_id = "report-1", hash = Hex(1), label = "csam" },
                new { content_id = "report-2", hash = Hex(2), label = "csam" },
                new { content_id = "report-4", hash = Hex(4), label = "ncii" },
            },
        });
        var seq = JsonDocument.Parse(added.Text).RootElement.GetProperty("seq").GetInt64();
        added.AssertPinned(HttpStatusCode.OK, $$"""{"bank":"hotline","added":4,"replaced":0,"unchanged":0,"seq":{{seq}}}""");
        var again = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks/hotline/hashes", new
        {
            hashes = new[] { new { content_id = "report-1", hash = Hex(1), label = "csam" }, new { content_id = "report-4", hash = Hex(4), label = "spam_image" } },
        });
        again.AssertPinned(HttpStatusCode.OK, $$"""{"bank":"hotline","added":0,"replaced":1,"unchanged":1,"seq":{{seq + 2}}}""");

        // Labels in ordinal order, whatever order the hashes came in.
        var read = await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/banks/hotline");
        read.AssertPinned(HttpStatusCode.OK, """{"name":"hotline","description":"reports <from> the \"hotline\" – café","match_transforms":true,"created_on":"<time>","hash_count":4,"labels":{"csam":2,"spam_image":1,"terror":1}}""");

        await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "empty", match_transforms = false });
        var list = await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/banks");
        list.AssertPinned(HttpStatusCode.OK, """{"banks":[{"name":"empty","description":"","match_transforms":false,"created_on":"<time>","hash_count":0,"labels":{}},{"name":"hotline","description":"reports <from> the \"hotline\" – café","match_transforms":true,"created_on":"<time>","hash_count":4,"labels":{"csam":2,"spam_image":1,"terror":1}}]}""");

        var page = await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/banks/hotline/hashes?offset=1&limit=2");
        page.AssertPinned(HttpStatusCode.OK, $$"""{"bank":"hotline","offset":1,"limit":2,"total":4,"hashes":[{"content_id":"report-2","hash":"{{Hex(2)}}","label":"csam","added_on":"<time>"},{"content_id":"report-3","hash":"{{Hex(3)}}","label":"terror","added_on":"<time>"}]}""");
        var past = await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/banks/hotline/hashes?offset=10");
        past.AssertPinned(HttpStatusCode.OK, """{"bank":"hotline","offset":10,"limit":100,"total":4,"hashes":[]}""");

        var turnedOff = await _client.AdminRawAsync(HttpMethod.Patch, "/admin/v1/banks/hotline", new { match_transforms = false });
        turnedOff.AssertPinned(HttpStatusCode.OK, $$$"""{"bank":{"name":"hotline","description":"reports <from> the \"hotline\" – café","match_transforms":false,"created_on":"<time>","hash_count":4,"labels":{"csam":2,"spam_image":1,"terror":1}},"seq":{{{seq + 4}}}}""");

        var removed = await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks/hotline/hashes/remove", new { content_ids = new[] { "report-1", "never-added" } });
        removed.AssertPinned(HttpStatusCode.OK, $$"""{"bank":"hotline","removed":1,"seq":{{seq + 5}}}""");

        var deleted = await _client.AdminRawAsync(HttpMethod.Delete, "/admin/v1/banks/hotline");
        deleted.AssertPinned(HttpStatusCode.OK, $$"""{"name":"hotline","deleted":true,"seq":{{seq + 6}}}""");
    }

    private static string Hex(int value) => $"{new string('a', 48)}{value:x16}";
}
