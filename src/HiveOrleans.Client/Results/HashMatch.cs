using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>A banked hash a frame matched: <c>{"bank", "content_id", "label", "distance", "transform"}</c>.</summary>
public sealed record HashMatch
{
    /// <summary>The hash bank's name.</summary>
    public required string Bank { get; init; }

    /// <summary>The banked entry's content id.</summary>
    public string? ContentId { get; init; }

    /// <summary>The banked entry's label (the frame's class is <c>yes_&lt;label&gt;</c>).</summary>
    public string? Label { get; init; }

    /// <summary>The Hamming distance between the frame's PDQ hash and the banked one (0–31 for a match).</summary>
    public int Distance { get; init; }

    /// <summary>How the frame differs from the banked picture: <c>original</c>, <c>rotate90</c>, <c>flip_horizontal</c>, ….</summary>
    public string? Transform { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static HashMatch From(JsonElement json) => new()
    {
        Bank = JsonRead.String(json, "bank") ?? "",
        ContentId = JsonRead.String(json, "content_id"),
        Label = JsonRead.String(json, "label"),
        Distance = JsonRead.Int(json, "distance") ?? 0,
        Transform = JsonRead.String(json, "transform"),
        Raw = json,
    };
}
