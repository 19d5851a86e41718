namespace HiveOrleans.Moderation.Text;

/// <summary>Everything <see cref="TextEngine"/> found in one text.</summary>
/// <param name="Spans">One entry per non-empty sentence or line, each reporting every head of <see cref="TextHeads.All"/>.</param>
/// <param name="TextFilters">Lexicon hits (and a project's blocklist hits, type "custom_blocklist"), in text order.</param>
/// <param name="PiiEntities">Personal data, in text order.</param>
/// <param name="Overall">Per head, the maximum over <paramref name="Spans"/>.</param>
/// <param name="Language">"en", "es", "fr", "de", "pt", "it", "nl", or "unknown".</param>
public sealed record TextModerationResult(
    IReadOnlyList<TextSpanResult> Spans,
    IReadOnlyList<TextFilterHit> TextFilters,
    IReadOnlyList<PiiEntity> PiiEntities,
    IReadOnlyList<HeadScore> Overall,
    string Language)
{
    /// <summary>
    /// The heads whose scores can be trusted for this text: all of <see cref="TextHeads.All"/> for English
    /// (and for text with no words in any language), none for a language the lexicons do not cover, as Hive
    /// answers, rather than confident zeros.
    /// </summary>
    public IReadOnlyList<string> ModeratedClasses { get; init; } = TextHeads.All;

    /// <summary>The project's custom classes that matched: "custom_blocklist" when a blocklist term was found.</summary>
    public IReadOnlyList<string> CustomClasses { get; init; } = [];
}
