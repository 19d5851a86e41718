using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>An entry of <c>max_over_frames</c>: a class's highest score over every frame, and when it was first reached.</summary>
public sealed record FrameMaximum
{
    /// <summary>The class.</summary>
    public required string Class { get; init; }

    /// <summary>Its highest score over all frames (not only the page shown).</summary>
    public double Score { get; init; }

    /// <summary>Seconds into the media of the first frame that reached it.</summary>
    public double Time { get; init; }

    /// <summary>For a bank class that matched, the nearest distance.</summary>
    public int? Distance { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static FrameMaximum From(JsonElement json) => new()
    {
        Class = JsonRead.String(json, "class") ?? "",
        Score = JsonRead.Double(json, "score") ?? 0,
        Time = JsonRead.Double(json, "time") ?? 0,
        Distance = JsonRead.Int(json, "distance"),
        Raw = json,
    };
}
