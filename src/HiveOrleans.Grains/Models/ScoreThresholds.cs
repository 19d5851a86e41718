using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Models;

/// <summary>A project's thresholds: per class, the lowest score reported; anything lower is reported as 0.</summary>
internal static class ScoreThresholds
{
    public static ModerationOutput Apply(ModerationOutput output, IReadOnlyDictionary<string, int>? thresholds)
    {
        if (thresholds is null || thresholds.Count == 0)
        {
            return output;
        }

        return output with
        {
            Entries = [.. output.Entries.Select(entry => entry with
            {
                Classes = [.. entry.Classes.Select(score =>
                    thresholds.TryGetValue(score.Class, out var floor) && score.Score < floor ? score with { Score = 0 } : score)],
            })],
        };
    }
}
