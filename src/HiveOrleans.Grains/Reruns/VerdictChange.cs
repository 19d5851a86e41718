using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Wire;

namespace HiveOrleans.Grains.Reruns;

/// <summary>How one task's verdict moves: per head (severity from → to), and whether it became flagged or clear.</summary>
internal sealed record VerdictChange(Guid TaskId, IReadOnlyList<(string Head, int From, int To)> Heads, bool NewlyFlagged, bool Cleared)
{
    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>, or null when the verdict is the same.</summary>
    public static VerdictChange? Between(Guid taskId, ModerationOutput before, ModerationOutput after)
    {
        var old = Severities(before);
        var now = Severities(after);
        var heads = new List<(string, int, int)>();
        foreach (var head in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var from = old.GetValueOrDefault(head);
            var to = now.GetValueOrDefault(head);
            if (from != to)
            {
                heads.Add((head, from, to));
            }
        }

        if (heads.Count == 0)
        {
            return null;
        }

        var wasFlagged = old.Values.Any(score => score > 0);
        var isFlagged = now.Values.Any(score => score > 0);
        return new VerdictChange(taskId, heads, !wasFlagged && isFlagged, wasFlagged && !isFlagged);
    }

    /// <summary>Whether the two results differ at all in what a caller sees of the verdict or the filters.</summary>
    public static bool Differ(ModerationOutput before, ModerationOutput after) =>
        !Severities(before).OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(Severities(after).OrderBy(p => p.Key, StringComparer.Ordinal))
        || !before.TextFilters.SequenceEqual(after.TextFilters);

    private static Dictionary<string, int> Severities(ModerationOutput output) =>
        OutputVerdict.Of(output).ToDictionary(score => score.Class, score => (int)Math.Round(score.Score), StringComparer.Ordinal);
}
