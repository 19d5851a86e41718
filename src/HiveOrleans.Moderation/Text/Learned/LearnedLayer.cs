namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// The learned layer over the lexicons: scores every sentence or line with the <see cref="LearnedModel"/>, from its
/// words, the lexicon's hits in it and the context cues, and combines that with the lexicon's score per head.
/// </summary>
internal static class LearnedLayer
{
    private static readonly Lazy<LearnedModel?> Committed = new(LearnedModel.Embedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The model trained from the committed corpus (<see cref="LearnedModel.Embedded"/>), or null when this build has none.</summary>
    public static LearnedModel? Model => Committed.Value;

    /// <summary>
    /// Rewrites <paramref name="scores"/> (span-major, <paramref name="headCount"/> per span, the lexicon's scores on
    /// entry) with the higher of the lexicon's and the model's severity, for the heads the layer covers
    /// (<see cref="LearnedOutputs.Heads"/>). Letting the model lower the lexicon's score was tried on dev: it loses
    /// what the lexicon's explicit rules know (docs/moderation.md).
    /// </summary>
    public static void Apply(LearnedModel model, string text, TextAnalysis analysis, int[] scores, int headCount, string language)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(analysis);
        Span<float> probabilities = stackalloc float[LearnedOutputs.Count];
        var features = SpanFeatures.ForThisThread();
        var matches = features.Matches;
        for (var s = 0; s < analysis.SpanCount; s++)
        {
            ref readonly var span = ref analysis.Spans[s];
            if (span.TokenEnd - span.FirstToken < 3)
            {
                continue;
            }

            matches.Clear();
            LexiconView.AddBuiltInMatches(analysis, span.FirstMatch, span.MatchEnd, matches);

            var own = scores.AsSpan(s * headCount, headCount);
            model.Probabilities(features.Extract(text.AsSpan(span.Start, span.End - span.Start), language, own, span.Roles, matches), probabilities);
            for (var h = 0; h < LearnedOutputs.Heads; h++)
            {
                if (!JudgedByLexicon(matches, (HeadIndex)h))
                {
                    own[h] = Math.Max(own[h], model.Severity(h, probabilities));
                }
            }
        }
    }

    /// <summary>
    /// Whether the lexicon's rules already judged <paramref name="head"/> in this span from words they know: then their
    /// reading of the context (negation, an idiom's object, a mishap) stands, and the model only speaks where the
    /// lexicon saw nothing of the head.
    /// </summary>
    private static bool JudgedByLexicon(List<LexiconEntry> matches, HeadIndex head)
    {
        foreach (var entry in matches)
        {
            if (entry.Head == head
                || (head == HeadIndex.SelfHarm && entry.Has(WordRole.SelfAct))
                || (head == HeadIndex.Violence && entry.Has(WordRole.Weapon | WordRole.DeathWord)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Whether an engine runs the learned layer over its lexicons.</summary>
internal enum Combination
{
    /// <summary>The lexicons and rules alone: how the layer is trained, and the "before" of every comparison.</summary>
    LexiconOnly,

    /// <summary>The higher of the lexicon's and the layer's severity, per head: the engine as shipped.</summary>
    Max,
}
