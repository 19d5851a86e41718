using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// Ours, not Hive's: <c>response.max_over_frames</c>, each class's highest score over all of a media task's frames
/// (not only the page of <c>output</c> shown), with the time of the first frame that reached it, so a platform can
/// act on a video without scanning its frames. A bank label reads as <c>yes_&lt;label&gt;</c> when any frame
/// matched it (with the nearest distance), else <c>no_&lt;label&gt;</c>.
/// </summary>
public static class FrameSummary
{
    /// <summary>Per class, in the order classes first appear, the highest score and the first time it was reached.</summary>
    public static IReadOnlyList<(ClassScore Score, double Time)> MaxOverFrames(IReadOnlyList<OutputEntry> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var order = new List<string>();
        var best = new Dictionary<string, (ClassScore Score, double Time)>(StringComparer.Ordinal);
        foreach (var frame in frames)
        {
            foreach (var score in frame.Classes)
            {
                if (!best.TryGetValue(score.Class, out var current))
                {
                    order.Add(score.Class);
                    best[score.Class] = (score, frame.Time);
                }
                else if (score.Score > current.Score.Score || (score.Score == current.Score.Score && score.Distance < current.Score.Distance))
                {
                    best[score.Class] = (score, score.Score > current.Score.Score ? frame.Time : current.Time);
                }
            }
        }

        return [.. order
            .Where(name => !(name.StartsWith("no_", StringComparison.Ordinal) && best.ContainsKey("yes_" + name[3..])))
            .Select(name => best[name])];
    }

    /// <summary>Writes <c>max_over_frames</c> for a finished media task; nothing for text or an unfinished task.</summary>
    internal static void Write(Utf8JsonWriter writer, ModerationOutput? output)
    {
        if (output?.Media is null)
        {
            return;
        }

        writer.WriteStartArray("max_over_frames");
        foreach (var (score, time) in MaxOverFrames(output.Entries))
        {
            writer.WriteStartObject();
            writer.WriteString("class", score.Class);
            writer.WriteNumber("score", score.Score);
            writer.WriteNumber("time", time);
            if (score.Distance is { } distance)
            {
                writer.WriteNumber("distance", distance);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
