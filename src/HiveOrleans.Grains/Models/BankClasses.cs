using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The visual model's classes from hash-bank matches: one per label of the project's banks, <c>yes_&lt;label&gt;</c>
/// (score 1, with the nearest match's distance) when a frame matched a hash of that label, else
/// <c>no_&lt;label&gt;</c> (score 0).
/// </summary>
internal static class BankClasses
{
    /// <summary>
    /// The labels to report, in ordinal order: the banks' <paramref name="known"/> labels and every label a frame
    /// matched, so a match never goes without its class however the banks changed around it.
    /// </summary>
    public static string[] Labels(IEnumerable<string> known, IEnumerable<OutputEntry> frames)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(frames);
        var labels = new SortedSet<string>(known, StringComparer.Ordinal);
        foreach (var frame in frames)
        {
            labels.UnionWith(frame.Matches.Select(match => match.Label));
        }

        return [.. labels];
    }

    /// <summary>One class per label for a frame with <paramref name="matches"/> (nearest first).</summary>
    public static ClassScore[] For(string[] labels, IReadOnlyList<HashMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(matches);
        var classes = new ClassScore[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            var nearest = matches.FirstOrDefault(m => m.Label == labels[i]);
            classes[i] = nearest is null
                ? new ClassScore("no_" + labels[i], 0)
                : new ClassScore("yes_" + labels[i], 1) { Distance = nearest.Distance };
        }

        return classes;
    }
}
