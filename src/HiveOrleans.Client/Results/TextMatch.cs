using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// A profanity, blocklist or PII hit in text, <c>{value, start_index, end_index, type}</c> (in <c>text_filters</c>
/// and <c>pii_entities</c>). Indices are UTF-16 offsets into the text they were found in, end exclusive.
/// </summary>
public sealed record TextMatch
{
    /// <summary>The text that matched.</summary>
    public required string Value { get; init; }

    /// <summary>Where it starts (UTF-16 offset).</summary>
    public int StartIndex { get; init; }

    /// <summary>Where it ends (UTF-16 offset, exclusive).</summary>
    public int EndIndex { get; init; }

    /// <summary>What kind of hit: a filter type (<c>profanity</c>, <c>custom_blocklist</c>, …) or a PII type (<c>email</c>, <c>phone_number</c>, …).</summary>
    public string? Type { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static TextMatch From(JsonElement json) => new()
    {
        Value = JsonRead.String(json, "value") ?? "",
        StartIndex = JsonRead.Int(json, "start_index") ?? 0,
        EndIndex = JsonRead.Int(json, "end_index") ?? 0,
        Type = JsonRead.String(json, "type"),
        Raw = json,
    };
}
