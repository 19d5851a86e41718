using System.Text;
using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Wire;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// A task's verdict as <see cref="OutputVerdict"/> defines it (per class, the highest score anywhere in the output),
/// kept as scores by class number (<see cref="ClassNumbers"/>): a rerun compares millions of them, and a dictionary of
/// names per task cost more than the comparison.
/// </summary>
internal sealed class Verdict(ClassNumbers classes)
{
    private double[] _highest = Unseen(Math.Max(classes.Count, 16));

    public ClassNumbers Classes => classes;

    /// <summary>The verdict of <paramref name="output"/>.</summary>
    public static Verdict Of(ModerationOutput output, ClassNumbers classes)
    {
        var verdict = new Verdict(classes);
        var guess = 0;
        foreach (var score in OutputVerdict.Scores(output))
        {
            var number = classes.Of(score.Class, guess);
            verdict.Add(number, score.Score);
            guess = number + 1;
        }

        return verdict;
    }

    /// <summary>
    /// The verdict of <paramref name="result"/> under <paramref name="thresholds"/>, without building its output: the
    /// same as <see cref="Of"/> of <c>ScoreThresholds.Apply(TextModel.Run(...), thresholds)</c>. Every span reports every
    /// head, so a head's highest score over the output is the result's overall one, and the highest floored score is
    /// the floored highest (a floor keeps a score or makes it 0); each custom class that matched counts as
    /// <see cref="OutputVerdict.CustomClassScore"/>.
    /// </summary>
    public static Verdict OfText(TextModerationResult result, IReadOnlyDictionary<string, int>? thresholds, ClassNumbers classes)
    {
        var verdict = new Verdict(classes);
        var guess = 0;
        foreach (var head in result.Overall)
        {
            var number = classes.Of(head.Class, guess);
            verdict.Add(number, ScoreThresholds.Floor(head.Class, head.Score, thresholds));
            guess = number + 1;
        }

        foreach (var custom in result.CustomClasses)
        {
            verdict.Add(classes.Of(custom), OutputVerdict.CustomClassScore);
        }

        return verdict;
    }

    public void Add(int number, double score)
    {
        if (number >= _highest.Length)
        {
            var grown = Unseen(Math.Max(number + 1, _highest.Length * 2));
            _highest.CopyTo(grown, 0);
            _highest = grown;
        }

        if (score > _highest[number])
        {
            _highest[number] = score;
        }
    }

    /// <summary>Class <paramref name="number"/>'s whole level (<see cref="VerdictChange.Level"/>); 0 for a class the output lacks.</summary>
    public int Level(int number) =>
        number < _highest.Length && !double.IsNegativeInfinity(_highest[number]) ? VerdictChange.Level(_highest[number]) : 0;

    private static double[] Unseen(int length)
    {
        var scores = new double[length];
        Array.Fill(scores, double.NegativeInfinity);
        return scores;
    }
}

/// <summary>
/// The class names one rerun meets, numbered in the order first met, shared by its workers (reading is lock-free;
/// adding a name, rare after the first tasks, takes a lock).
/// </summary>
internal sealed class ClassNumbers
{
    private readonly Lock _adding = new();
    private volatile Name[] _names = [];

    public int Count => _names.Length;

    public string this[int number] => _names[number].Text;

    /// <summary>The number of <paramref name="name"/>; <paramref name="guess"/> is tried first (a result lists its classes in the same order everywhere).</summary>
    public int Of(string name, int guess = -1)
    {
        var names = _names;
        if ((uint)guess < (uint)names.Length && string.Equals(names[guess].Text, name, StringComparison.Ordinal))
        {
            return guess;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i].Text, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Add(name);
    }

    /// <summary>
    /// The number of the JSON string <paramref name="reader"/> is on, compared without decoding it to a string;
    /// <paramref name="guess"/> is tried first.
    /// </summary>
    public int Of(ref Utf8JsonReader reader, int guess = -1)
    {
        var names = _names;
        if ((uint)guess < (uint)names.Length && reader.ValueTextEquals(names[guess].Utf8))
        {
            return guess;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i].Utf8))
            {
                return i;
            }
        }

        return Add(reader.GetString()!);
    }

    private int Add(string name)
    {
        lock (_adding)
        {
            var names = _names;
            for (var i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i].Text, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            _names = [.. names, new Name(name, Encoding.UTF8.GetBytes(name))];
            return names.Length;
        }
    }

    private sealed record Name(string Text, byte[] Utf8);
}
