using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>One word's box in an OCR block's <c>bounding_poly</c>, in the submitted picture's pixels.</summary>
public sealed record WordBox
{
    /// <summary>The left edge.</summary>
    public double Left { get; init; }

    /// <summary>The right edge.</summary>
    public double Right { get; init; }

    /// <summary>The top edge.</summary>
    public double Top { get; init; }

    /// <summary>The bottom edge.</summary>
    public double Bottom { get; init; }

    /// <summary>The OCR engine's confidence in the word (0–1).</summary>
    public double? Score { get; init; }

    /// <summary>The JSON object as the gateway sent it (with its four <c>vertices</c>).</summary>
    public JsonElement Raw { get; init; }

    internal static WordBox From(JsonElement json)
    {
        var dimensions = JsonRead.Property(json, "dimensions");
        return new()
        {
            Left = JsonRead.Double(dimensions, "left") ?? 0,
            Right = JsonRead.Double(dimensions, "right") ?? 0,
            Top = JsonRead.Double(dimensions, "top") ?? 0,
            Bottom = JsonRead.Double(dimensions, "bottom") ?? 0,
            Score = JsonRead.Double(JsonRead.Property(json, "meta"), "score"),
            Raw = json,
        };
    }
}
