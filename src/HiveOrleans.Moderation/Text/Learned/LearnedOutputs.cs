namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// The learned layer's outputs: for each multilevel head, one "at least level L" output for L = 1, 2, 3 (an ordinal
/// model: severity is the highest level whose output clears its threshold); for spam, promotions and child
/// exploitation, one output. Gibberish has none: its detector already finds every gibberish line of the corpus, and a
/// word model has nothing to add to keyboard mashing.
/// </summary>
internal static class LearnedOutputs
{
    public const int MultilevelHeads = 6;

    /// <summary>The heads the layer scores: <see cref="TextHeads.All"/> up to child exploitation.</summary>
    public const int Heads = MultilevelHeads + 3;

    public const int Count = (MultilevelHeads * 3) + Heads - MultilevelHeads;

    /// <summary>The output for <paramref name="head"/> (index in <see cref="TextHeads.All"/>) at <paramref name="level"/> (1–3; binary heads: 3).</summary>
    public static int Of(int head, int level) => head < MultilevelHeads ? (head * 3) + level - 1 : (MultilevelHeads * 3) + head - MultilevelHeads;

    public static int HeadOf(int output) => output < MultilevelHeads * 3 ? output / 3 : MultilevelHeads + output - (MultilevelHeads * 3);

    public static int LevelOf(int output) => output < MultilevelHeads * 3 ? (output % 3) + 1 : 3;

    /// <summary>
    /// What a labelled line says about one output: 1 (the head reaches the level), 0 (it must not) or null (the line
    /// does not say: a ceiling of 1 says nothing about level 1).
    /// </summary>
    public static int? Label(CorpusLine line, int output)
    {
        ArgumentNullException.ThrowIfNull(line);
        var head = TextHeads.All[HeadOf(output)];
        var level = LevelOf(output);
        if (line.Min.TryGetValue(head, out var min))
        {
            return min >= level ? 1 : 0;
        }

        return line.Ceiling(head) is { } ceiling && ceiling < level ? 0 : null;
    }
}
