using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// One class of a model's answer, <c>{"class", "score"}</c>: a text head's severity (0–3), a visual class's
/// probability, or a hash-bank class (<c>yes_&lt;label&gt;</c> with the nearest <see cref="Distance"/>).
/// </summary>
public sealed record ClassScore
{
    /// <summary>The class name, e.g. <c>violence</c>, <c>general_nsfw</c>, <c>yes_spam_image</c>.</summary>
    public required string Class { get; init; }

    /// <summary>The severity (text heads: 0–3) or probability (visual classes: 0–1).</summary>
    public double Score { get; init; }

    /// <summary>For a hash-bank class that matched, the Hamming distance to the nearest banked hash; else null.</summary>
    public int? Distance { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static ClassScore From(JsonElement json) => new()
    {
        Class = JsonRead.String(json, "class") ?? "",
        Score = JsonRead.Double(json, "score") ?? 0,
        Distance = JsonRead.Int(json, "distance"),
        Raw = json,
    };
}
