using System.Collections.Frozen;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Moderation.Nsfw;
using HiveOrleans.Wire;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// How one task's verdict moves: per class (level from → to), and whether it became flagged or clear. The verdict is
/// <see cref="OutputVerdict.Of"/>, per class the highest score over the whole output (every span, frame, segment and
/// OCR block), as a whole level (<see cref="Level"/>): a text head's severity 0–3 as it is, a visual class's score 0–1
/// as 1 from 0.5 up, else 0.
/// </summary>
internal sealed record VerdictChange(Guid TaskId, IReadOnlyList<(string Head, int From, int To)> Heads, bool NewlyFlagged, bool Cleared)
{
    /// <summary>
    /// Classes that say nothing was found (the NSFW head's "neither", and the nsfwjs classes it adds up): high on a
    /// harmless picture, so they never make a task flagged, though their own moves are counted.
    /// </summary>
    private static readonly FrozenSet<string> ClearClasses = FrozenSet.Create(StringComparer.Ordinal, NsfwHead.Neither, "nsfwjs_neutral", "nsfwjs_drawing");

    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>, or null when the verdict is the same.</summary>
    public static VerdictChange? Between(Guid taskId, ModerationOutput before, ModerationOutput after)
    {
        var old = Levels(before);
        var now = Levels(after);
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

        var wasFlagged = Flagged(old);
        var isFlagged = Flagged(now);
        return new VerdictChange(taskId, heads, !wasFlagged && isFlagged, wasFlagged && !isFlagged);
    }

    /// <summary>
    /// Whether the two results differ at all in what a caller sees of the verdict or of what matched: the levels (a class
    /// one lacks counting 0, so a new bank's <c>no_</c> classes change nothing), the text filters (the output's and each
    /// OCR block's) and each frame's hash matches.
    /// </summary>
    public static bool Differ(ModerationOutput before, ModerationOutput after) =>
        Between(Guid.Empty, before, after) is not null
        || !before.TextFilters.SequenceEqual(after.TextFilters)
        || !BlockFilters(before).SequenceEqual(BlockFilters(after))
        || !Matches(before).SequenceEqual(Matches(after));

    /// <summary>
    /// A score as a whole level: a severity (0–3) stays itself; a probability (0–1) counts 1 from 0.5 up (a class more
    /// likely than not), so a visual score moving within either side of 0.5 is no change of verdict.
    /// </summary>
    internal static int Level(double score) => (int)Math.Round(score, MidpointRounding.AwayFromZero);

    private static bool Flagged(Dictionary<string, int> levels) =>
        levels.Any(level => level.Value > 0 && !ClearClasses.Contains(level.Key));

    private static Dictionary<string, int> Levels(ModerationOutput output) =>
        OutputVerdict.Of(output).ToDictionary(score => score.Class, score => Level(score.Score), StringComparer.Ordinal);

    private static IEnumerable<TextMatch> BlockFilters(ModerationOutput output) =>
        output.Entries.SelectMany(entry => entry.FrameResults ?? []).SelectMany(block => block.TextFilters);

    private static IEnumerable<(double Time, string Bank, string ContentId, string Label)> Matches(ModerationOutput output) =>
        output.Entries.SelectMany(entry => entry.Matches.Select(match => (entry.Time, match.Bank, match.ContentId, match.Label)));
}
