using HiveOrleans.Moderation.Text;
using HiveOrleans.Moderation.Text.Learned;

namespace HiveOrleans.Tests.Text;

/// <summary>
/// Per language and head, a confusion table of an engine on corpus lines: a harmful line is found when the head
/// reaches its minimum; a line that bounds the head is a false positive when the head goes over the bound. Benign lines
/// (harmful on no head) are also counted apart, for the false-positive rate on look-alikes.
/// </summary>
internal sealed class CorpusScore
{
    private readonly Dictionary<(string Language, string Head), Counts> _counts = [];

    public static CorpusScore Run(TextEngine engine, IReadOnlyList<CorpusLine> lines)
    {
        var score = new CorpusScore();
        foreach (var line in lines)
        {
            var overall = engine.Moderate(line.Text).Overall;
            foreach (var head in TextHeads.All)
            {
                var counts = score.Of(line.Language, head);
                var value = overall.Single(h => h.Class == head).Score;
                if (line.Min.TryGetValue(head, out var min))
                {
                    counts.Harmful++;
                    counts.Found += value >= min ? 1 : 0;
                }
                else if (line.Ceiling(head) is { } ceiling)
                {
                    var over = value > ceiling ? 1 : 0;
                    counts.Bounded++;
                    counts.FalsePositives += over;
                    if (line.Min.Count == 0)
                    {
                        counts.Benign++;
                        counts.BenignFalsePositives += over;
                    }
                }
            }
        }

        return score;
    }

    /// <summary>One line per wrongly scored head of a line: language, head, what was wanted, what came, the text.</summary>
    public static IEnumerable<string> Mistakes(TextEngine engine, IReadOnlyList<CorpusLine> lines)
    {
        foreach (var line in lines)
        {
            var overall = engine.Moderate(line.Text).Overall;
            foreach (var head in TextHeads.All)
            {
                var value = overall.Single(h => h.Class == head).Score;
                if (line.Min.TryGetValue(head, out var min) && value < min)
                {
                    yield return $"{line.Language}\tmissed\t{head}\twant>={min}\tgot {value}\t{line.Text}";
                }
                else if (!line.Min.ContainsKey(head) && line.Ceiling(head) is { } ceiling && value > ceiling)
                {
                    yield return $"{line.Language}\tover\t{head}\twant<={ceiling}\tgot {value}\t{line.Text}";
                }
            }
        }
    }

    public Counts For(string language, string head) =>
        language == "all"
            ? Sum(_counts.Where(c => c.Key.Head == head).Select(c => c.Value))
            : _counts.GetValueOrDefault((language, head)) ?? new Counts();

    public Counts Overall() => Sum(_counts.Values);

    private Counts Of(string language, string head)
    {
        if (!_counts.TryGetValue((language, head), out var counts))
        {
            _counts[(language, head)] = counts = new Counts();
        }

        return counts;
    }

    private static Counts Sum(IEnumerable<Counts> parts)
    {
        var sum = new Counts();
        foreach (var part in parts)
        {
            sum.Harmful += part.Harmful;
            sum.Found += part.Found;
            sum.Bounded += part.Bounded;
            sum.FalsePositives += part.FalsePositives;
            sum.Benign += part.Benign;
            sum.BenignFalsePositives += part.BenignFalsePositives;
        }

        return sum;
    }

    internal sealed class Counts
    {
        public int Harmful { get; set; }

        public int Found { get; set; }

        public int Bounded { get; set; }

        public int FalsePositives { get; set; }

        public int Benign { get; set; }

        public int BenignFalsePositives { get; set; }

        public double Recall => Harmful == 0 ? 1 : (double)Found / Harmful;

        public double Precision => Found + FalsePositives == 0 ? 1 : (double)Found / (Found + FalsePositives);

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public double BenignFalsePositiveRate => Benign == 0 ? 0 : (double)BenignFalsePositives / Benign;
    }
}
