namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A model's result in the shape of Hive's <c>response</c> object.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ModerationOutput")]
public sealed record ModerationOutput
{
    /// <summary>The model that produced the result.</summary>
    [Id(0)] public required string Model { get; init; }

    /// <summary>The model's version.</summary>
    [Id(1)] public required string ModelVersion { get; init; }

    /// <summary>One entry per span (text) or frame (media).</summary>
    [Id(2)] public required IReadOnlyList<OutputEntry> Entries { get; init; }

    /// <summary>Profanity and blocklist hits.</summary>
    [Id(3)] public IReadOnlyList<TextMatch> TextFilters { get; init; } = [];

    /// <summary>Personal data found in the text.</summary>
    [Id(4)] public IReadOnlyList<TextMatch> PiiEntities { get; init; } = [];

    /// <summary>The detected language.</summary>
    [Id(5)] public string? Language { get; init; }

    /// <summary>The classes the model moderated; empty when it could not moderate the language.</summary>
    [Id(6)] public IReadOnlyList<string> ModeratedClasses { get; init; } = [];

    /// <summary>The project's own classes that matched (a blocklist hit raises <c>custom_blocklist</c>).</summary>
    [Id(7)] public IReadOnlyList<string> CustomClasses { get; init; } = [];

    /// <summary>For media, its dimensions and how many frames were read.</summary>
    [Id(8)] public MediaProbe? Media { get; init; }
}
