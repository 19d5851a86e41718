namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// Trains the <see cref="LearnedModel"/> from the corpus: logistic regression per output with AdaGrad over hashed
/// features (repeats counted), on one thread, in a fixed order from a fixed seed, so the same corpus always gives the
/// same weights. Thresholds are then set on the dev split: per output, the lowest that keeps false positives on dev
/// at or under <see cref="TrainingSettings.DevFalsePositiveTarget"/>, never under
/// <see cref="TrainingSettings.ThresholdFloor"/>. The test split is never read here.
/// </summary>
internal static class LearnedTrainer
{
    public const string Version = "learned-1";

    private const int Seed = 1306;

    /// <summary>The constant feature every text has, whose weight is each output's bias.</summary>
    public static readonly int Bias = FeatureHash.Of('z', 0);

    /// <summary>
    /// Every other feature counts 1/√n for a text with n of them (about a unit-length feature vector), so a
    /// three-word message and a paragraph are scored on the same scale and a short text is not left to the bias alone.
    /// </summary>
    public static float Scale(int features) => features <= 1 ? 1f : 1f / MathF.Sqrt(features - 1);

    /// <summary>The trainer's choices, made on the dev split (docs/moderation.md says which were tried).</summary>
    internal sealed record TrainingSettings
    {
        public static TrainingSettings Default { get; } = new();

        public int Epochs { get; init; } = 10;

        public float LearningRate { get; init; } = 0.3f;

        public float L2 { get; init; }

        public int MinLines { get; init; } = 2;

        public float MaxPositiveWeight { get; init; } = 3f;

        public double DevFalsePositiveTarget { get; init; } = 0.01;

        public float ThresholdFloor { get; init; } = 0.5f;
    }

    /// <summary>A line as the model sees it: its features (without rare ones), how many it had, and per output its label (or null).</summary>
    internal sealed record Example(int[] Features, int Count, int?[] Labels);

    /// <param name="describe">What the lexicon stage sees in a text (<see cref="TextEngine.Describe"/> of a lexicon-only engine).</param>
    public static LearnedModel Train(IReadOnlyList<CorpusLine> corpus, Func<string, LexiconView> describe, TrainingSettings? settings = null)
    {
        settings ??= TrainingSettings.Default;
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(describe);
        var train = Examples(corpus.Where(l => l.Split == CorpusSplit.Train), describe);
        var dev = Examples(corpus.Where(l => l.Split == CorpusSplit.Dev), describe);

        DropRareFeatures(train, settings.MinLines);
        var perOutput = new float[LearnedOutputs.Count][];
        for (var output = 0; output < LearnedOutputs.Count; output++)
        {
            perOutput[output] = TrainOutput(train, output, settings);
        }

        var thresholds = new float[LearnedOutputs.Count];
        for (var output = 0; output < LearnedOutputs.Count; output++)
        {
            thresholds[output] = Threshold(dev, perOutput[output], output, settings);
        }

        return new LearnedModel(perOutput, thresholds);
    }

    internal static List<Example> Examples(IEnumerable<CorpusLine> lines, Func<string, LexiconView> describe)
    {
        var examples = new List<Example>();
        var features = SpanFeatures.ForThisThread();
        foreach (var line in lines)
        {
            var view = describe(line.Text);
            var labels = new int?[LearnedOutputs.Count];
            for (var output = 0; output < labels.Length; output++)
            {
                labels[output] = LearnedOutputs.Label(line, output);
            }

            var extracted = features.Extract(line.Text, view.Language, view.Scores, view.Roles, view.Matches);
            examples.Add(new Example([.. extracted], extracted.Count, labels));
        }

        return examples;
    }

    /// <summary>Features seen fewer than <paramref name="minLines"/> times in training are dropped: one line's quirks are not evidence.</summary>
    private static void DropRareFeatures(List<Example> examples, int minLines)
    {
        var lines = new int[FeatureHash.Size];
        foreach (var example in examples)
        {
            foreach (var feature in example.Features)
            {
                lines[feature]++;
            }
        }

        for (var i = 0; i < examples.Count; i++)
        {
            examples[i] = examples[i] with { Features = [.. examples[i].Features.Where(f => f == Bias || lines[f] >= minLines)] };
        }
    }

    private static float[] TrainOutput(List<Example> examples, int output, TrainingSettings settings)
    {
        var weights = new float[FeatureHash.Size];
        var squares = new float[FeatureHash.Size];
        var labelled = examples.Where(e => e.Labels[output] is not null).ToArray();
        var positives = labelled.Count(e => e.Labels[output] == 1);
        if (positives == 0)
        {
            // Nothing to learn: a large negative bias keeps the output silent.
            weights[Bias] = -10f;
            return weights;
        }

        var positiveWeight = Math.Clamp((labelled.Length - positives) / (float)positives, 1f, settings.MaxPositiveWeight);
        var random = new Random(Seed + output);
        var order = Enumerable.Range(0, labelled.Length).ToArray();
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var example = labelled[index];
                var scale = Scale(example.Count);
                var sum = Logit(weights, example);
                var y = example.Labels[output]!.Value;
                var gradient = ((1f / (1f + MathF.Exp(-sum))) - y) * (y == 1 ? positiveWeight : 1f);
                foreach (var feature in example.Features)
                {
                    var step = feature == Bias ? gradient : gradient * scale;
                    squares[feature] += step * step;
                    weights[feature] -= settings.LearningRate * ((step / (MathF.Sqrt(squares[feature]) + 1e-6f)) + (settings.L2 * weights[feature]));
                }
            }
        }

        return weights;
    }

    private static float Logit(float[] weights, Example example)
    {
        var sum = 0f;
        var bias = 0f;
        foreach (var feature in example.Features)
        {
            if (feature == Bias)
            {
                bias = weights[feature];
            }
            else
            {
                sum += weights[feature];
            }
        }

        return (sum * Scale(example.Count)) + bias;
    }

    private static float Threshold(List<Example> dev, float[] weights, int output, TrainingSettings settings)
    {
        var negatives = new List<float>();
        foreach (var example in dev)
        {
            if (example.Labels[output] == 0)
            {
                negatives.Add(1f / (1f + MathF.Exp(-Logit(weights, example))));
            }
        }

        if (negatives.Count < 20)
        {
            return 0.5f;
        }

        // The lowest threshold (never under the floor) that lets at most the target share of dev negatives through.
        negatives.Sort();
        var allowed = (int)Math.Floor(negatives.Count * settings.DevFalsePositiveTarget);
        var atCutoff = negatives[negatives.Count - 1 - allowed];
        return Math.Max(settings.ThresholdFloor, MathF.BitIncrement(atCutoff));
    }
}
