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
        var classes = new ClassNumbers();
        return Between(taskId, Verdict.Of(before, classes), Verdict.Of(after, classes));
    }

    /// <summary>The change between two verdicts numbered by the same <see cref="ClassNumbers"/>, or null when it is none.</summary>
    public static VerdictChange? Between(Guid taskId, Verdict before, Verdict after)
    {
        var classes = before.Classes;
        List<(string Head, int From, int To)>? heads = null;
        for (var number = 0; number < classes.Count; number++)
        {
            var from = before.Level(number);
            var to = after.Level(number);
            if (from != to)
            {
                (heads ??= []).Add((classes[number], from, to));
            }
        }

        if (heads is null)
        {
            return null;
        }

        heads.Sort((x, y) => string.CompareOrdinal(x.Head, y.Head));
        var wasFlagged = Flagged(before);
        var isFlagged = Flagged(after);
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

    private static bool Flagged(Verdict verdict)
    {
        for (var number = 0; number < verdict.Classes.Count; number++)
        {
            if (verdict.Level(number) > 0 && !ClearClasses.Contains(verdict.Classes[number]))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<TextMatch> BlockFilters(ModerationOutput output) =>
        output.Entries.SelectMany(entry => entry.FrameResults ?? []).SelectMany(block => block.TextFilters);

    private static IEnumerable<(double Time, string Bank, string ContentId, string Label)> Matches(ModerationOutput output) =>
        output.Entries.SelectMany(entry => entry.Matches.Select(match => (entry.Time, match.Bank, match.ContentId, match.Label)));
}
