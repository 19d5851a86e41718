using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// A result's verdict: per class, the highest score any output entry (a text span, a frame, a speech segment, or an
/// OCR block) gives it, and each custom class that matched, the output's or an OCR block's, at 3 (a blocklist hit is as
/// severe as a head can be). What a history entry shows and a rerun compares.
/// </summary>
public static class OutputVerdict
{
    /// <summary>The severity a matched custom class (<c>custom_blocklist</c>) counts as.</summary>
    public const int CustomClassScore = 3;

    /// <summary>Class to highest score, in the order classes first appear.</summary>
    public static IReadOnlyList<ClassScore> Of(ModerationOutput output)
    {
        var highest = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var score in Scores(output))
        {
            if (!highest.TryGetValue(score.Class, out var seen))
            {
                order.Add(score.Class);
                highest[score.Class] = score.Score;
            }
            else if (score.Score > seen)
            {
                highest[score.Class] = score.Score;
            }
        }

        return [.. order.Select(name => new ClassScore(name, highest[name]))];
    }

    /// <summary>Every score the verdict is the highest of, in output order.</summary>
    public static IEnumerable<ClassScore> Scores(ModerationOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Walk(output);

        static IEnumerable<ClassScore> Walk(ModerationOutput output)
        {
            foreach (var entry in output.Entries)
            {
                foreach (var score in entry.Classes)
                {
                    yield return score;
                }

                foreach (var block in entry.FrameResults ?? [])
                {
                    foreach (var score in block.Classes)
                    {
                        yield return score;
                    }

                    // An OCR block's blocklist hit is its own, not the output's: it counts as much as a text's.
                    foreach (var custom in block.CustomClasses)
                    {
                        yield return new ClassScore(custom, CustomClassScore);
                    }
                }
            }

            foreach (var custom in output.CustomClasses)
            {
                yield return new ClassScore(custom, CustomClassScore);
            }
        }
    }
}
