namespace HiveOrleans.Moderation.Text;

/// <summary>Everything <see cref="TextEngine"/> found in one text.</summary>
/// <param name="Spans">One entry per non-empty sentence or line, each reporting every head of <see cref="TextHeads.All"/>.</param>
/// <param name="TextFilters">Lexicon hits, in text order.</param>
/// <param name="PiiEntities">Personal data, in text order.</param>
/// <param name="Overall">Per head, the maximum over <paramref name="Spans"/>.</param>
/// <param name="Language">"en" when English function words dominate, otherwise "unknown".</param>
public sealed record TextModerationResult(
    IReadOnlyList<TextSpanResult> Spans,
    IReadOnlyList<TextFilterHit> TextFilters,
    IReadOnlyList<PiiEntity> PiiEntities,
    IReadOnlyList<HeadScore> Overall,
    string Language);
