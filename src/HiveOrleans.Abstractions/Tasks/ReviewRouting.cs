namespace HiveOrleans.Abstractions.Tasks;

/// <summary>
/// A manual-review project's rules for a task, carried on its submission as thresholds are: which tasks go to a
/// reviewer after the model, how long they may wait there, and the labels a rejection may carry.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewRouting")]
public sealed record ReviewRouting
{
    /// <summary>Class → the lowest score that sends a task to review. Empty: every task goes to review.</summary>
    [Id(0)] public IReadOnlyDictionary<string, int> When { get; init; } = new Dictionary<string, int>();

    /// <summary>The share (0–1) of the tasks <see cref="When"/> does not send that go to review anyway, for quality control.</summary>
    [Id(1)] public double Sample { get; init; }

    /// <summary>How long a task waits for a decision before it completes with the model's answer; null: for as long as it takes.</summary>
    [Id(2)] public TimeSpan? Timeout { get; init; }

    /// <summary>The labels a rejection may name.</summary>
    [Id(3)] public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>
    /// Whether a task with <paramref name="output"/> goes to review: every task when <see cref="When"/> is empty, else
    /// one where some class reached its minimum in any frame or span, else one whose <paramref name="draw"/> (uniform
    /// in [0, 1)) falls under <see cref="Sample"/>.
    /// </summary>
    public bool Sends(ModerationOutput output, double draw)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (When.Count == 0)
        {
            return true;
        }

        foreach (var entry in output.Entries)
        {
            foreach (var score in entry.Classes)
            {
                if (When.TryGetValue(score.Class, out var minimum) && score.Score >= minimum)
                {
                    return true;
                }
            }
        }

        return draw < Sample;
    }
}
