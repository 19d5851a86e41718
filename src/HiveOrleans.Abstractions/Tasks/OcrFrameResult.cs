namespace HiveOrleans.Abstractions.Tasks;

/// <summary>One block of text recognised in a frame (Hive's <c>frame_results</c> entry), moderated by the text engine.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.OcrFrameResult")]
public sealed record OcrFrameResult
{
    /// <summary>The language the text engine detected in the block.</summary>
    [Id(0)] public string? Language { get; init; }

    /// <summary>The block's text: lines joined by newlines, words by spaces.</summary>
    [Id(1)] public required string BlockText { get; init; }

    /// <summary>Where the block starts in the frame's text (its blocks joined by newlines).</summary>
    [Id(2)] public int StartCharIndex { get; init; }

    /// <summary>Where the block ends in the frame's text (exclusive).</summary>
    [Id(3)] public int EndCharIndex { get; init; }

    /// <summary>The text engine's heads for the block (severities 0–3).</summary>
    [Id(4)] public required IReadOnlyList<ClassScore> Classes { get; init; }

    /// <summary>Profanity and blocklist hits, indices into <see cref="BlockText"/>.</summary>
    [Id(5)] public IReadOnlyList<TextMatch> TextFilters { get; init; } = [];

    /// <summary>Personal data in the block, indices into <see cref="BlockText"/>.</summary>
    [Id(6)] public IReadOnlyList<TextMatch> PiiEntities { get; init; } = [];

    /// <summary>The project's own classes that matched.</summary>
    [Id(7)] public IReadOnlyList<string> CustomClasses { get; init; } = [];

    /// <summary>Each word's box, in reading order.</summary>
    [Id(8)] public IReadOnlyList<OcrBox> Words { get; init; } = [];
}
