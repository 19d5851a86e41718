using System.Globalization;
using HiveOrleans.Moderation.Text;
using Xunit.Abstractions;

namespace HiveOrleans.Tests.Text;

/// <summary>
/// The engine against the labelled set in Data/text-eval.jsonl. Floors, per head: recall of at least 0.90 on
/// harmful lines, and false positives on at most 5% of benign lines, for every head with at least 15 harmful
/// and 50 benign lines (all ten heads have that many today).
/// </summary>
public sealed class TextEvaluationTests(ITestOutputHelper output)
{
    private const double RecallFloor = 0.90;
    private const double FalsePositiveCeiling = 0.05;
    private const int MinimumHarmful = 15;
    private const int MinimumBenign = 50;

    // Lines written after a round of tuning, in the order they were written; see Data/README.md.
    private static readonly string[] HeldOutTags = ["holdout", "holdout2"];

    private static readonly IReadOnlyList<TextEvalCase> Cases =
        TextEvalSet.Load(Path.Combine(AppContext.BaseDirectory, "Data", "text-eval.jsonl"));

    private readonly TextEngine _engine = new();

    [Fact]
    public void Every_head_meets_its_recall_and_false_positive_floors()
    {
        var report = TextEvalReport.Run(_engine, Cases);
        output.WriteLine($"All {Cases.Count} lines (floors: recall >= {RecallFloor:F2}, FP-rate <= {FalsePositiveCeiling:F2}):");
        output.WriteLine(report.Table());
        foreach (var tag in HeldOutTags)
        {
            var batch = Cases.Where(c => c.Tags.Contains(tag)).ToArray();
            output.WriteLine($"Of which the {batch.Length} lines tagged '{tag}':");
            output.WriteLine(TextEvalReport.Run(_engine, batch).Table());
        }

        foreach (var miss in report.Misses)
        {
            output.WriteLine(miss);
        }

        var enforced = report.Heads.Where(h => h.Positives >= MinimumHarmful && h.Negatives >= MinimumBenign).ToArray();
        Assert.Equal(TextHeads.All.Count, enforced.Length);
        Assert.All(enforced, h =>
        {
            Assert.True(h.Recall >= RecallFloor, string.Create(CultureInfo.InvariantCulture, $"{h.Head}: recall {h.Recall:F3} < {RecallFloor}"));
            Assert.True(h.FalsePositiveRate <= FalsePositiveCeiling, string.Create(CultureInfo.InvariantCulture, $"{h.Head}: FP-rate {h.FalsePositiveRate:F3} > {FalsePositiveCeiling}"));
        });
    }

    [Fact]
    public void The_set_is_large_and_covers_every_head_obfuscations_and_look_alikes()
    {
        Assert.True(Cases.Count >= 400, $"only {Cases.Count} lines");
        foreach (var head in TextHeads.All)
        {
            Assert.True(Cases.Count(c => c.Min.ContainsKey(head)) >= MinimumHarmful, head);
            Assert.True(Cases.Count(c => c.Ceiling(head) is not null) >= MinimumBenign, head);
        }

        foreach (var head in new[] { TextHeads.Sexual, TextHeads.Hate, TextHeads.Violence, TextHeads.Bullying, TextHeads.Drugs, TextHeads.SelfHarm })
        {
            Assert.All(new[] { 1, 2, 3 }, severity => Assert.Contains(Cases, c => c.Min.TryGetValue(head, out var min) && min == severity));
        }

        var tags = Cases.SelectMany(c => c.Tags).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(["leet", "separator", "repeat", "confusable", "fullwidth", "zerowidth", "diacritic", "case", "mask", "substring", "idiom", "news", "education", "medical", "commerce", "foreign"], StringComparer.Ordinal),
            tags);
    }

    [Fact]
    public void Languages_of_the_labelled_lines_are_detected()
    {
        var labelled = Cases.Where(c => c.Language is not null).ToArray();
        var wrong = labelled
            .Select(c => (Case: c, Found: _engine.Moderate(c.Text).Language))
            .Where(r => r.Found != r.Case.Language)
            .ToArray();
        foreach (var (c, found) in wrong)
        {
            output.WriteLine($"line {c.Line}: expected {c.Language}, found {found}: {c.Text}");
        }

        output.WriteLine($"{labelled.Length - wrong.Length} of {labelled.Length} labelled languages detected");
        Assert.True(labelled.Length >= 200);
        Assert.True(wrong.Length * 50 <= labelled.Length, $"{wrong.Length} of {labelled.Length} wrong");
    }
}
