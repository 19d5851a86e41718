namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// What the lexicon stage saw in a text, as the learned layer reads it: its score per head, the roles of the words it
/// knows (second person, negation, weapon, …), the entries it matched before any rule judged them (so "not stupid"
/// still shows an insult word that the negation rule cleared), and the language.
/// </summary>
internal sealed class LexiconView
{
    public int[] Scores { get; private set; } = new int[TextHeads.All.Count];

    public WordRole Roles { get; private set; }

    public List<LexiconEntry> Matches { get; } = [];

    public string Language { get; set; } = LanguageDetector.Unknown;

    /// <summary>Adds every span of <paramref name="analysis"/>, with its scores (span-major, <paramref name="headCount"/> each).</summary>
    public void Add(TextAnalysis analysis, int[] scores, int headCount)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        for (var s = 0; s < analysis.SpanCount; s++)
        {
            Roles |= analysis.Spans[s].Roles;
            for (var h = 0; h < headCount; h++)
            {
                Scores[h] = Math.Max(Scores[h], scores[(s * headCount) + h]);
            }
        }

        AddBuiltInMatches(analysis, 0, analysis.MatchCount, Matches);
    }

    /// <summary>
    /// The built-in lexicon entries among <paramref name="analysis"/>'s matches [<paramref name="first"/>,
    /// <paramref name="end"/>): a project's own lists are its business, not something the shared model may learn from.
    /// </summary>
    public static void AddBuiltInMatches(TextAnalysis analysis, int first, int end, List<LexiconEntry> into)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(into);
        for (var m = first; m < end; m++)
        {
            if (!analysis.Matches[m].Entry.IsCustom)
            {
                into.Add(analysis.Matches[m].Entry);
            }
        }
    }
}
