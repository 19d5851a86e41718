using System.Numerics;

namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// A trained linear model: for each hashed feature that training gave a weight, one weight per output (a row of
/// <see cref="LearnedOutputs.Count"/>), a bias row, and a threshold per output chosen on the dev split. Read-only
/// once built; safe to share.
/// </summary>
/// <remarks>
/// Most features of a message were never seen in training. A bit per hash slot (32 KiB, which stays in cache) says
/// whether a feature has a row, and the count of set bits before it (a rank table) says which row; the rows of the
/// features that do have weights lie together, a few MB instead of a row for every one of the 2^18 slots, so
/// scoring a message touches little memory.
/// </remarks>
internal sealed class LearnedModel
{
    private readonly ulong[] _present = new ulong[FeatureHash.Size / 64];
    private readonly int[] _rankBefore = new int[FeatureHash.Size / 64];
    private readonly float[] _rows;
    private readonly float[] _bias = new float[LearnedOutputs.Count];
    private readonly float[] _thresholds;

    /// <param name="columns">Per output, a weight per hash slot, as training leaves them.</param>
    public LearnedModel(float[][] columns, float[] thresholds, string version)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _thresholds = thresholds;
        Version = version;
        var rows = new List<float>();
        var count = 0;
        for (var feature = 0; feature < FeatureHash.Size; feature++)
        {
            if (feature % 64 == 0)
            {
                _rankBefore[feature / 64] = count;
            }

            if (feature == LearnedTrainer.Bias)
            {
                for (var k = 0; k < LearnedOutputs.Count; k++)
                {
                    _bias[k] = columns[k][feature];
                }

                continue;
            }

            if (!columns.Any(column => column[feature] != 0))
            {
                continue;
            }

            _present[feature / 64] |= 1UL << (feature % 64);
            count++;
            for (var k = 0; k < LearnedOutputs.Count; k++)
            {
                rows.Add(columns[k][feature]);
            }
        }

        _rows = [.. rows];
        Features = count;
    }

    public string Version { get; }

    /// <summary>How many features have weights.</summary>
    public int Features { get; }

    /// <summary>A digest of every weight and threshold, to show that training is reproducible.</summary>
    public string Fingerprint()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var part in new[] { _rows, _bias, _thresholds })
        {
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(part.AsSpan()));
        }

        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_present.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Per output, the logistic probability for the features (sorted, each once, the bias among them).</summary>
    public void Probabilities(List<int> features, Span<float> into)
    {
        ArgumentNullException.ThrowIfNull(features);
        Span<float> sums = stackalloc float[LearnedOutputs.Count];
        sums.Clear();
        foreach (var feature in features)
        {
            var word = _present[feature >> 6];
            var bit = 1UL << (feature & 63);
            if ((word & bit) == 0)
            {
                continue;
            }

            var row = _rankBefore[feature >> 6] + BitOperations.PopCount(word & (bit - 1));
            var weights = _rows.AsSpan(row * LearnedOutputs.Count, LearnedOutputs.Count);
            for (var k = 0; k < weights.Length; k++)
            {
                sums[k] += weights[k];
            }
        }

        var scale = LearnedTrainer.Scale(features.Count);
        for (var k = 0; k < LearnedOutputs.Count; k++)
        {
            into[k] = 1f / (1f + MathF.Exp(-((sums[k] * scale) + _bias[k])));
        }
    }

    /// <summary>The severity (0–3) the outputs give <paramref name="head"/>: the highest level whose output clears its threshold.</summary>
    public int Severity(int head, ReadOnlySpan<float> probabilities)
    {
        if (head >= LearnedOutputs.Heads)
        {
            return 0;
        }

        for (var level = 3; level >= 1; level--)
        {
            if (head >= LearnedOutputs.MultilevelHeads && level < 3)
            {
                break;
            }

            var output = LearnedOutputs.Of(head, level);
            if (probabilities[output] >= _thresholds[output])
            {
                return level;
            }
        }

        return 0;
    }
}
