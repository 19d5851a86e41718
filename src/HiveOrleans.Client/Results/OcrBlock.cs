using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>One block of text OCR found in a frame (an entry of <c>frame_results</c>), moderated by the text engine.</summary>
public sealed record OcrBlock
{
    /// <summary>The block's text, its lines joined with newlines.</summary>
    public required string BlockText { get; init; }

    /// <summary>The language the block was read in.</summary>
    public string? Language { get; init; }

    /// <summary>Where the block starts in the frame's text (its blocks joined by newlines).</summary>
    public int StartCharIndex { get; init; }

    /// <summary>Where the block ends in the frame's text (exclusive).</summary>
    public int EndCharIndex { get; init; }

    /// <summary>The text heads' severities for this block.</summary>
    public IReadOnlyList<ClassScore> Classes { get; init; } = [];

    /// <summary>Filter and blocklist hits, indexed into <see cref="BlockText"/>.</summary>
    public IReadOnlyList<TextMatch> TextFilters { get; init; } = [];

    /// <summary>PII found, indexed into <see cref="BlockText"/>.</summary>
    public IReadOnlyList<TextMatch> PiiEntities { get; init; } = [];

    /// <summary>Custom classes (<c>custom_blocklist</c>) the block triggered.</summary>
    public IReadOnlyList<string> CustomClasses { get; init; } = [];

    /// <summary>One box per word.</summary>
    public IReadOnlyList<WordBox> BoundingPoly { get; init; } = [];

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static OcrBlock From(JsonElement json) => new()
    {
        BlockText = JsonRead.String(json, "block_text") ?? "",
        Language = JsonRead.String(json, "language"),
        StartCharIndex = JsonRead.Int(json, "start_char_index") ?? 0,
        EndCharIndex = JsonRead.Int(json, "end_char_index") ?? 0,
        Classes = JsonRead.Array(json, "classes", ClassScore.From),
        TextFilters = JsonRead.Array(json, "text_filters", TextMatch.From),
        PiiEntities = JsonRead.Array(json, "pii_entities", TextMatch.From),
        CustomClasses = JsonRead.Strings(json, "custom_classes"),
        BoundingPoly = JsonRead.Array(json, "bounding_poly", WordBox.From),
        Raw = json,
    };
}
