using HiveOrleans.Moderation.Text.Learned;

namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Lexicon- and pattern-based text moderation: scores every sentence or line on the ten text heads,
/// lists lexicon hits and personal data, and detects the language. Built once and shared: it holds
/// only read-only tables, so concurrent calls are safe.
/// </summary>
public sealed class TextEngine
{
    private static readonly int HeadCount = TextHeads.All.Count;

    // Results share these immutable instances rather than allocating a HeadScore per head per span.
    private static readonly HeadScore[][] ScoreCache = TextHeads.All
        .Select(head => Enumerable.Range(0, 4).Select(score => new HeadScore(head, score)).ToArray())
        .ToArray();

    private static readonly string[] CustomBlocklistClass = [TextCustomLists.BlocklistType];

    private readonly Lexicon _lexicon = Lexicon.BuiltIn;
    private readonly Combination _combination;
    private readonly LearnedModel? _model;

    /// <summary>An engine over the built-in lexicons and the learned layer; the tables are shared, so constructing more is cheap.</summary>
    public TextEngine()
        : this(Combination.Max)
    {
    }

    /// <summary>An engine over the built-in lexicons, with the learned layer when <paramref name="learnedLayer"/> is true.</summary>
    public TextEngine(bool learnedLayer)
        : this(learnedLayer ? Combination.Max : Combination.LexiconOnly)
    {
    }

    /// <summary>
    /// An engine with or without the learned layer (<paramref name="combination"/>), with <paramref name="model"/>
    /// instead of the built-in one when given (for training and evaluation).
    /// </summary>
    internal TextEngine(Combination combination, LearnedModel? model = null)
    {
        _combination = combination;
        _model = model;
    }

    /// <summary>The lexicon and rules' version; bump it whenever they change results.</summary>
    public const string LexiconVersion = "text-lexicon-3";

    /// <summary>
    /// The version reported as <c>model_version</c>: the lexicon and rules' version, and with the learned layer its
    /// version too, which names the exact corpus it was trained on (asking trains the layer).
    /// </summary>
    public string ModelVersion => _combination != Combination.LexiconOnly && (_model ?? LearnedLayer.Model) is { } learned
        ? $"{LexiconVersion}+{learned.Version}"
        : LexiconVersion;

    /// <summary>
    /// The languages whose text the lexicons, rules and learned layer judge, on every head; for any other,
    /// <see cref="TextModerationResult.ModeratedClasses"/> is empty. All languages' lexicons are one dictionary, so a
    /// message mixing them is scored in each language it contains.
    /// </summary>
    public static IReadOnlyList<string> ModeratedLanguages { get; } = ["en", "es", "fr", "de", "pt", "it"];

    public TextModerationResult Moderate(string text) => Moderate(text, lists: null);

    /// <summary>Moderates <paramref name="text"/> with a project's own blocklist and allowlist as well as the built-in lexicons.</summary>
    public TextModerationResult Moderate(string text, TextCustomLists? lists) => Run(text, lists, view: null);

    /// <summary>What this engine's lexicon stage sees in the whole of <paramref name="text"/>: what the learned layer is trained from.</summary>
    internal LexiconView Describe(string text)
    {
        var view = new LexiconView();
        var result = Run(text, lists: null, view);
        view.Language = result.Language;
        return view;
    }

    private TextModerationResult Run(string text, TextCustomLists? lists, LexiconView? view)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pii = PiiDetector.Find(text);
        var urls = UrlFinder.Find(text);
        var analysis = TextAnalysis.Rent();
        try
        {
            analysis.Load(text, _lexicon, lists?.Lexicon);
            var (language, latinWords, otherWords) = LanguageDetector.Detect(analysis, urls);
            analysis.Language = language;
            var hits = new List<TextFilterHit>();
            var spanCount = analysis.SpanCount;
            var scores = new int[spanCount * HeadCount];
            var custom = false;
            for (var s = 0; s < spanCount; s++)
            {
                var heads = scores.AsSpan(s * HeadCount, HeadCount);
                var scorer = new SpanScorer(analysis, s, heads, hits);
                scorer.Score();
                custom |= scorer.HasCustomHit;
                var spam = scorer.SpamWeight;
                var promotion = scorer.PromotionWeight;
                SpamSignals.Add(analysis, s, urls, pii, ref spam, ref promotion);
                heads[(int)HeadIndex.Spam] = spam >= SpamSignals.Threshold ? 3 : 0;
                heads[(int)HeadIndex.Promotions] = promotion >= SpamSignals.Threshold ? 3 : 0;
                heads[(int)HeadIndex.Gibberish] = GibberishDetector.IsGibberish(analysis, s, urls) ? 3 : 0;
            }

            SpamSignals.MarkRepeatedSpans(analysis, scores, HeadCount);
            CrossSpanRules.DrugTrade(analysis, scores, HeadCount);
            CrossSpanRules.ChildExploitation(analysis, scores, HeadCount);
            view?.Add(analysis, scores, HeadCount);
            // The lexicon-only engine is what trains the model, so it must not ask for it.
            if (_combination != Combination.LexiconOnly && (_model ?? LearnedLayer.Model) is { } learned)
            {
                LearnedLayer.Apply(learned, text, analysis, scores, HeadCount, language);
            }


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
            return new TextModerationResult(spans, hits, pii, overallScores, language)
            {
                ModeratedClasses = IsModerated(language, latinWords + otherWords, overall[(int)HeadIndex.Gibberish] > 0 && AllWordySpansGibberish(analysis, scores))
                    ? TextHeads.All
                    : [],
                CustomClasses = custom ? CustomBlocklistClass : [],
            };
        }
        finally
        {
            TextAnalysis.Return(analysis);
        }
    }

    // The six languages are judged; so is text with no words of any language (links, numbers, emoji) and keyboard mashing.
    private static bool IsModerated(string language, int words, bool gibberish) =>
        ModeratedLanguages.Contains(language) || (language == LanguageDetector.Unknown && (words == 0 || gibberish));

    private static bool AllWordySpansGibberish(TextAnalysis analysis, int[] scores)
    {
        for (var s = 0; s < analysis.SpanCount; s++)
        {
            var span = analysis.Spans[s];
            if (span.TokenEnd > span.FirstToken && scores[(s * HeadCount) + (int)HeadIndex.Gibberish] == 0)
            {
                return false;
            }
        }

        return true;
    }
}
