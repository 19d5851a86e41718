namespace HiveOrleans.Abstractions.Tasks;

/// <summary>One sentence of a transcript with its class scores and where it was heard (Hive's speech <c>classifications[]</c>).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.SpeechClassification")]
public sealed record SpeechClassification
{
    /// <summary>The sentence's words as recognised.</summary>
    [Id(0)] public required string Text { get; init; }

    /// <summary>Every text head with its score.</summary>
    [Id(1)] public required IReadOnlyList<ClassScore> Classes { get; init; }

    /// <summary>Seconds into the media where the sentence's first word starts.</summary>
    [Id(2)] public double StartTimestamp { get; init; }

    /// <summary>Seconds into the media where the sentence's last word ends.</summary>
    [Id(3)] public double EndTimestamp { get; init; }

    /// <summary>Where the sentence starts in the entry's transcript (UTF-16 index).</summary>
    [Id(4)] public int StartCharIndex { get; init; }

    /// <summary>Where the sentence ends in the entry's transcript (exclusive).</summary>
    [Id(5)] public int EndCharIndex { get; init; }
}
