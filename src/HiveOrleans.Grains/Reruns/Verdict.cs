using System.Text;
using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;
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
        foreach (var score in OutputVerdict.Scores(output))
        {
            verdict.Add(classes.Of(score.Class), score.Score);
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

    public int Of(string name)
    {
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i].Text, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Add(name);
    }

    /// <summary>The number of the JSON string <paramref name="reader"/> is on, compared without decoding it to a string.</summary>
    public int Of(ref Utf8JsonReader reader)
    {
        var names = _names;
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
