namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// The learned layer over the lexicons: scores every sentence or line with the <see cref="LearnedModel"/>, from its
/// words, the lexicon's hits in it and the context cues, and combines that with the lexicon's score per head.
/// </summary>
internal static class LearnedLayer
{
    private static readonly Lazy<LearnedModel?> Trained = new(Train, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The trained model, or null when this build has no corpus.</summary>
    public static LearnedModel? Model => Trained.Value;

    /// <summary>
    /// Rewrites <paramref name="scores"/> (span-major, <paramref name="headCount"/> per span, the lexicon's scores on
    /// entry) with the combined scores of the heads the layer covers (<see cref="LearnedOutputs.Heads"/>).
    /// </summary>
    public static void Apply(LearnedModel model, Combination combination, string text, TextAnalysis analysis, int[] scores, int headCount, string language)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(analysis);
        Span<float> probabilities = stackalloc float[LearnedOutputs.Count];
        var features = SpanFeatures.ForThisThread();
        var matches = features.Matches;
        for (var s = 0; s < analysis.SpanCount; s++)
        {
            ref readonly var span = ref analysis.Spans[s];
            matches.Clear();
            for (var m = span.FirstMatch; m < span.MatchEnd; m++)
            {
                if (!analysis.Matches[m].Entry.IsCustom)
                {
                    matches.Add(analysis.Matches[m].Entry);
                }
            }

            var own = scores.AsSpan(s * headCount, headCount);
            model.Probabilities(features.Extract(text.AsSpan(span.Start, span.End - span.Start), language, own, span.Roles, matches), probabilities);
            for (var h = 0; h < LearnedOutputs.Heads; h++)
            {
                own[h] = Combined(combination, own[h], model.Severity(h, probabilities));
            }
        }
    }

    private static int Combined(Combination combination, int lexicon, int learned) => combination switch
    {
        Combination.LearnedOnly => learned,
        _ => Math.Max(lexicon, learned),
    };

    private static LearnedModel? Train()
    {
        var corpus = TextCorpus.All;
        if (corpus.Count == 0)
        {
            return null;
        }

        return LearnedTrainer.Train(corpus, new TextEngine(Combination.LexiconOnly).Describe);
    }
}

/// <summary>Ways to combine the lexicon's and the learned layer's severity for one head; chosen on the dev split (docs/moderation.md).</summary>
internal enum Combination
{
    LexiconOnly,
    LearnedOnly,
    Max,
}
