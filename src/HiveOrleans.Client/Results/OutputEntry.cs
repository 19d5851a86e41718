using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// One entry of <c>status[0].response.output</c>: a sentence or line of text (with its span), a sampled frame of an
/// image or video (with its PDQ hash, bank matches and OCR blocks), or a segment of speech (with its transcript).
/// Fields that do not apply to the entry's kind are null or empty.
/// </summary>
public sealed record OutputEntry
{
    /// <summary>Seconds into the media (0 for text and images).</summary>
    public double Time { get; init; }

    /// <summary>Every class the project's models gave the entry.</summary>
    public IReadOnlyList<ClassScore> Classes { get; init; } = [];

    /// <summary>Text: where the sentence starts in the submitted text (UTF-16 offset).</summary>
    public int? StartCharIndex { get; init; }

    /// <summary>Text: where the sentence ends (UTF-16 offset, exclusive).</summary>
    public int? EndCharIndex { get; init; }

    /// <summary>Visual projects with hash banks: the frame's PDQ hash.</summary>
    public PdqHash? Pdq { get; init; }

    /// <summary>Visual projects with hash banks: the banked hashes the frame matched.</summary>
    public IReadOnlyList<HashMatch> Matches { get; init; } = [];

    /// <summary>OCR: the blocks of text found in the frame (empty for a frame without text, or a project without OCR).</summary>
    public IReadOnlyList<OcrBlock> FrameResults { get; init; } = [];

    /// <summary>Speech: the words heard in the segment.</summary>
    public string? Transcript { get; init; }

    /// <summary>Speech: the segment's sentences with their heads and times.</summary>
    public IReadOnlyList<SpeechClassification> Classifications { get; init; } = [];

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    /// <summary>The score of <paramref name="className"/> in this entry, or null when the entry does not list it.</summary>
    public double? Score(string className) =>
        Classes.FirstOrDefault(c => string.Equals(c.Class, className, StringComparison.Ordinal))?.Score;

    internal static OutputEntry From(JsonElement json) => new()
    {
        Time = JsonRead.Double(json, "time") ?? 0,
        Classes = JsonRead.Array(json, "classes", ClassScore.From),
        StartCharIndex = JsonRead.Int(json, "start_char_index"),
        EndCharIndex = JsonRead.Int(json, "end_char_index"),
        Pdq = PdqHash.From(JsonRead.Property(json, "pdq")),
        Matches = JsonRead.Array(json, "matches", HashMatch.From),
        FrameResults = JsonRead.Array(json, "frame_results", OcrBlock.From),
        Transcript = JsonRead.String(json, "transcript"),
        Classifications = JsonRead.Array(json, "classifications", SpeechClassification.From),
        Raw = json,
    };
}
