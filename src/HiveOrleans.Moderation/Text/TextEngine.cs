namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Lexicon- and pattern-based text moderation: scores every sentence or line on the ten text heads,
/// lists lexicon hits and personal data, and guesses the language. Built once and shared: it holds
/// only read-only tables, so concurrent calls are safe.
/// </summary>
public sealed class TextEngine
{
    private static readonly int HeadCount = TextHeads.All.Count;

    // Results share these immutable instances rather than allocating a HeadScore per head per span.
    private static readonly HeadScore[][] ScoreCache = TextHeads.All
        .Select(head => Enumerable.Range(0, 4).Select(score => new HeadScore(head, score)).ToArray())
        .ToArray();

    private readonly Lexicon lexicon = Lexicon.BuiltIn;

    /// <summary>An engine over the built-in lexicons; the tables are shared, so constructing more is cheap.</summary>
    public TextEngine()
    {
    }

    /// <summary>The version reported as <c>model_version</c>; bump it whenever lexicons or rules change results.</summary>
    public static string ModelVersion => "text-lexicon-1";

    public TextModerationResult Moderate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pii = PiiDetector.Find(text);
        var urls = UrlFinder.Find(text);
        var analysis = TextAnalysis.Rent();
        try
        {
            analysis.Load(text, lexicon);
            var hits = new List<TextFilterHit>();
            var spanCount = analysis.SpanCount;
            var scores = new int[spanCount * HeadCount];
            for (var s = 0; s < spanCount; s++)
            {
                var heads = scores.AsSpan(s * HeadCount, HeadCount);
                var scorer = new SpanScorer(analysis, s, heads, hits);
                scorer.Score();
                var spam = scorer.SpamWeight;
                var promotion = scorer.PromotionWeight;
                SpamSignals.Add(analysis, s, urls, pii, ref spam, ref promotion);
                heads[(int)HeadIndex.Spam] = spam >= SpamSignals.Threshold ? 3 : 0;
                heads[(int)HeadIndex.Promotions] = promotion >= SpamSignals.Threshold ? 3 : 0;
                heads[(int)HeadIndex.Gibberish] = GibberishDetector.IsGibberish(analysis, s, urls) ? 3 : 0;
            }

            SpamSignals.MarkRepeatedSpans(analysis, scores, HeadCount);

            var spans = new TextSpanResult[spanCount];
            var overall = new int[HeadCount];
            for (var s = 0; s < spanCount; s++)
            {
                var classes = new HeadScore[HeadCount];
                for (var h = 0; h < HeadCount; h++)
                {
                    var score = scores[(s * HeadCount) + h];
                    classes[h] = ScoreCache[h][score];
                    overall[h] = Math.Max(overall[h], score);
                }

                spans[s] = new TextSpanResult(analysis.Spans[s].Start, analysis.Spans[s].End, classes);
            }

            var overallScores = new HeadScore[HeadCount];
            for (var h = 0; h < HeadCount; h++)
            {
                overallScores[h] = ScoreCache[h][overall[h]];
            }

            hits.Sort(static (x, y) => x.StartIndex != y.StartIndex ? x.StartIndex.CompareTo(y.StartIndex) : x.EndIndex.CompareTo(y.EndIndex));
            return new TextModerationResult(spans, hits, pii, overallScores, LanguageGuesser.Guess(analysis));
        }
        finally
        {
            TextAnalysis.Return(analysis);
        }
    }
}
