using System.Text.Json;
using System.Text.Json.Nodes;
using HiveOrleans.Cli.Http;
using HiveOrleans.Cli.Output;

namespace HiveOrleans.Cli.Commands;

/// <summary>
/// Reads the audit log page after page (<c>after</c> = the previous page's <c>next_after</c>) until the last page, and
/// answers with one page holding every entry, in the API's own shape, so <c>--json</c> prints it as the API would.
/// </summary>
internal sealed class AuditPages(IReadOnlyList<(string Name, string Value)> query, int pageSize) : IApiCall
{
    /// <summary>The most entries the API gives in one page.</summary>
    public const int MaxPage = 1000;

    public async Task<JsonElement> SendAsync(OperatorApiClient client, CancellationToken cancellationToken)
    {
        var entries = new JsonArray();
        long? after = 0;
        while (after is { } from)
        {
            var parameters = query.Append(("after", FormattableString.Invariant($"{from}"))).Append(("limit", FormattableString.Invariant($"{pageSize}")));
            var path = "admin/v1/audit?" + string.Join('&', parameters.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
            var answer = await client.SendAsync(new ApiRequest(HttpMethod.Get, path), cancellationToken);
            if (answer.TryField("entries", out var page) && page.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in page.EnumerateArray())
                {
                    entries.Add(JsonNode.Parse(entry.GetRawText()));
                }
            }

            // A next page must start past this one: a gateway that answered otherwise would loop forever.
            after = answer.TryField("next_after", out var next) && next.ValueKind == JsonValueKind.Number && next.TryGetInt64(out var seq) && seq > from
                ? seq
                : null;
        }

        using var document = JsonDocument.Parse(new JsonObject { ["entries"] = entries, ["next_after"] = null }.ToJsonString());
        return document.RootElement.Clone();
    }
}
