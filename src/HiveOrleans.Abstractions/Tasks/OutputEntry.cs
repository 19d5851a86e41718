namespace HiveOrleans.Abstractions.Tasks;

/// <summary>One span of text or one frame of media with its class scores.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.OutputEntry")]
public sealed record OutputEntry
{
    /// <summary>Seconds into the media; 0 for text.</summary>
    [Id(0)] public double Time { get; init; }

    /// <summary>Every class the model reports, with its score.</summary>
    [Id(1)] public required IReadOnlyList<ClassScore> Classes { get; init; }

    /// <summary>For text, where the span starts (UTF-16 index into the submitted text).</summary>
    [Id(2)] public int? StartCharIndex { get; init; }

    /// <summary>For text, where the span ends (exclusive).</summary>
    [Id(3)] public int? EndCharIndex { get; init; }

    /// <summary>For media, the frame's PDQ hash.</summary>
    [Id(4)] public PerceptualHash? Pdq { get; init; }

    /// <summary>For media, the bank entries the frame matched, nearest first.</summary>
    [Id(5)] public IReadOnlyList<HashMatch> Matches { get; init; } = [];

    /// <summary>
    /// For OCR (an <c>ocr</c> project, or <c>"ocr"</c> among a visual project's models), the text blocks recognised in
    /// the frame; null when OCR did not run.
    /// </summary>
    [Id(6)] public IReadOnlyList<OcrFrameResult>? FrameResults { get; init; }

    /// <summary>For speech, the words recognised in this segment of the audio, space-separated; null for other models.</summary>
    [Id(7)] public string? Transcript { get; init; }

    /// <summary>For speech, the transcript's sentences with their classes and times.</summary>
    [Id(8)] public IReadOnlyList<SpeechClassification> Classifications { get; init; } = [];
}
