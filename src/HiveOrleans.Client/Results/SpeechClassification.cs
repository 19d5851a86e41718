using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>One sentence of a speech segment's transcript with its text heads and where it was heard.</summary>
public sealed record SpeechClassification
{
    /// <summary>The sentence.</summary>
    public required string Text { get; init; }

    /// <summary>The text heads' severities for the sentence.</summary>
    public IReadOnlyList<ClassScore> Classes { get; init; } = [];

    /// <summary>Seconds into the media where its first word starts.</summary>
    public double StartTimestamp { get; init; }

    /// <summary>Seconds into the media where its last word ends.</summary>
    public double EndTimestamp { get; init; }

    /// <summary>Where it starts in the segment's transcript (UTF-16 offset).</summary>
    public int StartCharIndex { get; init; }

    /// <summary>Where it ends in the segment's transcript (exclusive).</summary>
    public int EndCharIndex { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static SpeechClassification From(JsonElement json) => new()
    {
        Text = JsonRead.String(json, "text") ?? "",
        Classes = JsonRead.Array(json, "classes", ClassScore.From),
        StartTimestamp = JsonRead.Double(json, "start_timestamp") ?? 0,
        EndTimestamp = JsonRead.Double(json, "end_timestamp") ?? 0,
        StartCharIndex = JsonRead.Int(json, "start_char_index") ?? 0,
        EndCharIndex = JsonRead.Int(json, "end_char_index") ?? 0,
        Raw = json,
    };
}
