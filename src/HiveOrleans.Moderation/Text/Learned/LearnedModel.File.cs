using System.IO.Compression;
using System.Text;

namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// The model's file (<c>Text/Learned/text-model.bin</c>, embedded in this assembly): what the trainer made from the
/// committed corpus, so a silo loads it in milliseconds instead of training at start. A test retrains from the corpus
/// and checks the file is exactly that model (docs/moderation.md says how to rewrite it after a corpus or lexicon change).
/// </summary>
/// <remarks>
/// Brotli over: "HOTM", format, hash size, output count (int32 each); thresholds and biases (float32 per output);
/// the number of features with weights; then per feature the gap from the previous one (7-bit encoded) and its
/// weights (float16 per output).
/// </remarks>
internal sealed partial class LearnedModel
{
    /// <summary>The embedded resource's name.</summary>
    public const string ResourceName = "text-model.bin";

    private const int FileFormat = 1;

    private static ReadOnlySpan<byte> Magic => "HOTM"u8;

    private LearnedModel(ulong[] present, float[] rows, float[] bias, float[] thresholds)
    {
        present.CopyTo(_present, 0);
        _rows = rows;
        bias.CopyTo(_bias, 0);
        _thresholds = thresholds;
        var count = 0;
        for (var word = 0; word < _present.Length; word++)
        {
            _rankBefore[word] = count;
            count += System.Numerics.BitOperations.PopCount(_present[word]);
        }

        Features = count;
        Version = VersionOf(Fingerprint());
    }

    public void Write(Stream stream)
    {
        using var compressed = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(compressed, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FileFormat);
        writer.Write(FeatureHash.Size);
        writer.Write(LearnedOutputs.Count);
        foreach (var value in _thresholds.Concat(_bias))
        {
            writer.Write(value);
        }

        writer.Write(Features);
        var previous = -1;
        var row = 0;
        for (var feature = 0; feature < FeatureHash.Size; feature++)
        {
            if ((_present[feature >> 6] & (1UL << (feature & 63))) == 0)
            {
                continue;
            }

            writer.Write7BitEncodedInt(feature - previous);
            previous = feature;
            for (var k = 0; k < LearnedOutputs.Count; k++)
            {
                writer.Write((Half)_rows[(row * RowLength) + k]);
            }

            row++;
        }
    }

    public static LearnedModel Read(Stream stream)
    {
        using var decompressed = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(decompressed, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)
            || reader.ReadInt32() != FileFormat
            || reader.ReadInt32() != FeatureHash.Size
            || reader.ReadInt32() != LearnedOutputs.Count)
        {
            throw new InvalidDataException("Not a text model of this build's format, hash size and outputs.");
        }

        var thresholds = new float[LearnedOutputs.Count];
        var bias = new float[LearnedOutputs.Count];
        for (var k = 0; k < thresholds.Length; k++)
        {
            thresholds[k] = reader.ReadSingle();
        }

        for (var k = 0; k < bias.Length; k++)
        {
            bias[k] = reader.ReadSingle();
        }

        var features = reader.ReadInt32();
        if (features is < 0 or > FeatureHash.Size)
        {
            throw new InvalidDataException($"A text model cannot have {features} features.");
        }

        var present = new ulong[FeatureHash.Size / 64];
        var rows = new float[features * RowLength];
        var feature = -1;
        for (var row = 0; row < features; row++)
        {
            var gap = reader.Read7BitEncodedInt();
            feature += gap;
            if (gap < 1 || feature >= FeatureHash.Size)
            {
                throw new InvalidDataException($"Feature {feature} is outside the hash.");
            }

            present[feature >> 6] |= 1UL << (feature & 63);
            for (var k = 0; k < LearnedOutputs.Count; k++)
            {
                rows[(row * RowLength) + k] = (float)reader.ReadHalf();
            }
        }

        return new LearnedModel(present, rows, bias, thresholds);
    }

    /// <summary>The model embedded in this assembly, or null when the build has none.</summary>
    public static LearnedModel? Embedded()
    {
        using var stream = typeof(LearnedModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Read(stream);
    }
}
