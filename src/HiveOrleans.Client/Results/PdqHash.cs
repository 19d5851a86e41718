using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>A frame's PDQ perceptual hash, present on projects that match hash banks.</summary>
public sealed record PdqHash
{
    /// <summary>The hash as 64 lowercase hex digits.</summary>
    public required string Hash { get; init; }

    /// <summary>PDQ's quality (0–100); under 50 the frame claims no match.</summary>
    public int Quality { get; init; }

    /// <summary>Whether the quality is high enough for the hash to claim matches.</summary>
    public bool Trusted { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static PdqHash? From(JsonElement json) => json.ValueKind != JsonValueKind.Object ? null : new()
    {
        Hash = JsonRead.String(json, "hash") ?? "",
        Quality = JsonRead.Int(json, "quality") ?? 0,
        Trusted = JsonRead.Bool(json, "trusted") ?? false,
        Raw = json,
    };
}
