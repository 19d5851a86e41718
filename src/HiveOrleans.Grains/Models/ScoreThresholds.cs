using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Models;

/// <summary>A project's thresholds: per class, the lowest score reported; anything lower is reported as 0.</summary>
internal static class ScoreThresholds
{
    /// <param name="severities">A text project's: whole severities 0–3.</param>
    /// <param name="scores">A visual project's: scores 0–1.</param>
    public static ModerationOutput Apply(ModerationOutput output, IReadOnlyDictionary<string, int>? severities, IReadOnlyDictionary<string, double>? scores = null)
    {
        if ((severities is null || severities.Count == 0) && (scores is null || scores.Count == 0))
        {
            return output;
        }

        return output with
        {
            Entries = [.. output.Entries.Select(entry => entry with
            {
                Classes = Floored(entry.Classes),

                // An OCR frame's blocks carry the same heads: a block never shows what its frame was floored of.
                FrameResults = entry.FrameResults is { } blocks ? [.. blocks.Select(block => block with { Classes = Floored(block.Classes) })] : null,
            })],
        };

        ClassScore[] Floored(IReadOnlyList<ClassScore> classes) =>
            [.. classes.Select(score => score with { Score = Floor(score.Class, score.Score, severities, scores) })];
    }

    /// <summary><paramref name="score"/> as <paramref name="name"/>'s threshold leaves it: itself, or 0 when below it.</summary>
    public static double Floor(string name, double score, IReadOnlyDictionary<string, int>? severities, IReadOnlyDictionary<string, double>? scores = null)
    {
        var lowest = severities is not null && severities.TryGetValue(name, out var severity) ? severity
            : scores is not null && scores.TryGetValue(name, out var floor) ? floor
            : double.NegativeInfinity;
        return score < lowest ? 0 : score;
    }
}
