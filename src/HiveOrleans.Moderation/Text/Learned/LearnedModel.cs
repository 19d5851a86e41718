using System.Numerics;
using System.Runtime.Intrinsics;

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
internal sealed partial class LearnedModel
{
    /// <summary>A row is padded to whole 256-bit vectors, so adding one to the sums is three vector adds.</summary>
    private static readonly int RowLength = (LearnedOutputs.Count + Vector256<float>.Count - 1) / Vector256<float>.Count * Vector256<float>.Count;

    private readonly ulong[] _present = new ulong[FeatureHash.Size / 64];
    private readonly int[] _rankBefore = new int[FeatureHash.Size / 64];
    private readonly float[] _rows;
    private readonly float[] _bias = new float[LearnedOutputs.Count];
    private readonly float[] _thresholds;

    /// <param name="columns">
    /// Per output, a weight per hash slot, as training leaves them. Weights are kept at half precision, as the
    /// committed model file stores them, so a model trained here and one read from the file are the same model.
    /// </param>
    public LearnedModel(float[][] columns, float[] thresholds)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _thresholds = thresholds;
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
            for (var k = 0; k < RowLength; k++)
            {
                rows.Add(k < LearnedOutputs.Count ? (float)(Half)columns[k][feature] : 0f);
            }
        }

        _rows = [.. rows];
        Features = count;
        Version = VersionOf(Fingerprint());
    }

    /// <summary>The trainer's version and the start of <see cref="Fingerprint"/>: any change of weights or thresholds changes it.</summary>
    public string Version { get; }

    private static string VersionOf(string fingerprint) => $"{LearnedTrainer.Version}+{fingerprint[..12].ToLowerInvariant()}";

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

    /// <summary>Per output, the logistic probability for the features (in any order, repeats counted, the bias among them once).</summary>
    public void Probabilities(List<int> features, Span<float> into)
    {
        ArgumentNullException.ThrowIfNull(features);
        Span<float> buffer = stackalloc float[RowLength];
        buffer.Clear();
        ref var sums = ref buffer[0];
        foreach (var feature in features)
        {
            var word = _present[feature >> 6];
            var bit = 1UL << (feature & 63);
            if ((word & bit) == 0)
            {
                continue;
            }

            var row = _rankBefore[feature >> 6] + BitOperations.PopCount(word & (bit - 1));
            ref var weights = ref _rows[row * RowLength];
            for (var k = 0; k < RowLength; k += Vector256<float>.Count)
            {
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref sums, (nuint)k) + Vector256.LoadUnsafe(ref weights, (nuint)k), ref sums, (nuint)k);
            }
        }

        var scale = LearnedTrainer.Scale(features.Count);
        for (var k = 0; k < LearnedOutputs.Count; k++)
        {
            into[k] = 1f / (1f + MathF.Exp(-((buffer[k] * scale) + _bias[k])));
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
