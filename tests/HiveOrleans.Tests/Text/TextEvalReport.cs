using System.Globalization;
using System.Text;
using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

/// <summary>
/// Per-head recall and false positives of an engine on the evaluation set. A harmful line counts as found
/// for a head when the head reaches the line's minimum; a benign line is a false positive for a head when
/// the head goes above the line's ceiling.
/// </summary>
internal sealed class TextEvalReport
{
    private TextEvalReport(IReadOnlyList<HeadMetrics> heads, IReadOnlyList<string> misses)
    {
        Heads = heads;
        Misses = misses;
    }

    public IReadOnlyList<HeadMetrics> Heads { get; }

    /// <summary>One line per missed harmful head or false positive, for reading when a floor fails.</summary>
    public IReadOnlyList<string> Misses { get; }

    public static TextEvalReport Run(TextEngine engine, IReadOnlyList<TextEvalCase> cases)
    {
        var results = cases.Select(c => engine.Moderate(c.Text)).ToArray();
        var heads = new List<HeadMetrics>();
        var misses = new List<string>();
        foreach (var head in TextHeads.All)
        {
            int positives = 0, found = 0, negatives = 0, falsePositives = 0;
            for (var i = 0; i < cases.Count; i++)
            {
                var score = results[i].Overall.Single(s => s.Class == head).Score;
                if (cases[i].Min.TryGetValue(head, out var min))
                {
                    positives++;
                    if (score >= min)
                    {
                        found++;
                    }
                    else
                    {
                        misses.Add(Invariant($"MISS {head} {score}<{min} line {cases[i].Line}: {cases[i].Text}"));
                    }
                }
                else if (cases[i].Ceiling(head) is { } ceiling)
                {
                    negatives++;
                    if (score > ceiling)
                    {
                        falsePositives++;
                        misses.Add(Invariant($"FP   {head} {score}>{ceiling} line {cases[i].Line}: {cases[i].Text}"));
                    }
                }
            }

            heads.Add(new HeadMetrics(head, positives, found, negatives, falsePositives));
        }

        return new TextEvalReport(heads, misses);
    }

    public HeadMetrics this[string head] => Heads.Single(h => h.Head == head);

    public string Table()
    {
        var table = new StringBuilder();
        table.AppendLine("head                 harmful  found  recall  precision  benign  FP  FP-rate");
        foreach (var h in Heads)
        {
            table.AppendLine(Invariant($"{h.Head,-20} {h.Positives,7} {h.Found,6} {h.Recall,7:F3} {h.Precision,10:F3} {h.Negatives,7} {h.FalsePositives,3} {h.FalsePositiveRate,8:F3}"));
        }

        return table.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Counts for one head: harmful lines and how many reached their minimum, benign lines and how many went over.</summary>
internal sealed record HeadMetrics(string Head, int Positives, int Found, int Negatives, int FalsePositives)
{
    public double Recall => Positives == 0 ? 1 : (double)Found / Positives;

    public double FalsePositiveRate => Negatives == 0 ? 0 : (double)FalsePositives / Negatives;

    public double Precision => Found + FalsePositives == 0 ? 1 : (double)Found / (Found + FalsePositives);
}
