using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace HiveOrleans.Moderation.Nsfw;

/// <summary>
/// A TensorFlow.js layers model on disk: <c>model.json</c> (the Keras topology and a weights manifest) and the weight
/// shards it names, read and dequantized exactly as tfjs-core does, so the converted model computes what tfjs does.
/// </summary>
internal sealed class TfjsLayersModel
{
    private TfjsLayersModel(JsonElement topology, Dictionary<string, TfjsWeight> weights, string generatedBy, string contentSha256)
    {
        Topology = topology;
        Weights = weights;
        GeneratedBy = generatedBy;
        ContentSha256 = contentSha256;
    }

    /// <summary>The Keras model config (<c>modelTopology.model_config.config</c>): its layers and outputs.</summary>
    public JsonElement Topology { get; }

    /// <summary>Every weight tensor by its manifest name (<c>layer/kernel</c>, <c>layer/bias</c>, …).</summary>
    public IReadOnlyDictionary<string, TfjsWeight> Weights { get; }

    /// <summary>What wrote the files, from model.json (e.g. <c>nsfwjs 4.3.0</c>); empty when it does not say.</summary>
    public string GeneratedBy { get; }

    /// <summary>Lowercase hex SHA-256 of model.json's bytes followed by every shard's, in manifest order.</summary>
    public string ContentSha256 { get; }

    /// <summary>Lowercase hex SHA-256 of the shards alone, in manifest order: the published weights' identity.</summary>
    public string WeightsSha256 { get; private init; } = "";

    /// <exception cref="FileNotFoundException">model.json or a shard it names is missing.</exception>
    /// <exception cref="InvalidDataException">The files are not a layers model with weights we can read.</exception>
    public static TfjsLayersModel Load(string directory)
    {
        var modelPath = Path.Combine(directory, "model.json");
        var modelBytes = File.ReadAllBytes(modelPath);
        using var document = JsonDocument.Parse(modelBytes);
        var root = document.RootElement;
        if (!root.TryGetProperty("modelTopology", out var topology) || !topology.TryGetProperty("model_config", out var modelConfig)
            || !root.TryGetProperty("weightsManifest", out var manifest))
        {
            throw new InvalidDataException($"{modelPath} is not a TensorFlow.js layers model (no modelTopology.model_config or weightsManifest).");
        }

        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var weightsOnly = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        content.AppendData(modelBytes);
        var weights = new Dictionary<string, TfjsWeight>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            // A group's shards are one byte stream cut into files; its tensors lie back to back in it.
            var shards = group.GetProperty("paths").EnumerateArray().Select(p => File.ReadAllBytes(Path.Combine(directory, p.GetString()!))).ToArray();
            foreach (var shard in shards)
            {
                content.AppendData(shard);
                weightsOnly.AppendData(shard);
            }

            var bytes = shards.SelectMany(s => s).ToArray();
            var offset = 0;
            foreach (var spec in group.GetProperty("weights").EnumerateArray())
            {
                var weight = Read(spec, bytes, ref offset);
                weights[spec.GetProperty("name").GetString()!] = weight;
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"The weights manifest describes {offset} bytes; the shards hold {bytes.Length}.");
            }
        }

        var generatedBy = root.TryGetProperty("generatedBy", out var by) && by.ValueKind == JsonValueKind.String ? by.GetString()! : "";
        return new TfjsLayersModel(modelConfig.GetProperty("config").Clone(), weights, generatedBy, Convert.ToHexStringLower(content.GetHashAndReset()))
        {
            WeightsSha256 = Convert.ToHexStringLower(weightsOnly.GetHashAndReset()),
        };
    }

    /// <summary>
    /// One tensor. Quantized tensors are dequantized as tfjs-core's decodeWeight does: <c>q * scale + min</c> in
    /// double (JavaScript numbers), stored as float32. Doing it in float32 is off by an ulp in most values.
    /// </summary>
    private static TfjsWeight Read(JsonElement spec, byte[] bytes, ref int offset)
    {
        var name = spec.GetProperty("name").GetString()!;
        var shape = spec.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var count = shape.Aggregate(1, (product, dim) => checked(product * dim));
        if (spec.GetProperty("dtype").GetString() != "float32")
        {
            throw new InvalidDataException($"Weight '{name}' is {spec.GetProperty("dtype").GetString()}; only float32 weights are read.");
        }

        var values = new float[count];
        if (spec.TryGetProperty("quantization", out var quantization))
        {
            var dtype = quantization.GetProperty("dtype").GetString();
            var min = quantization.GetProperty("min").GetDouble();
            var scale = quantization.GetProperty("scale").GetDouble();
            var width = dtype switch
            {
                "uint8" => 1,
                "uint16" => 2,
                _ => throw new InvalidDataException($"Weight '{name}' is quantized as {dtype}; only uint8 and uint16 are read."),
            };
            Need(bytes, offset, count * width, name);
            for (var i = 0; i < count; i++)
            {
                double q = width == 1 ? bytes[offset + i] : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + (2 * i)));
                values[i] = (float)((q * scale) + min);
            }

            offset += count * width;
        }
        else
        {
            Need(bytes, offset, count * 4, name);
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (4 * i)));
            }

            offset += count * 4;
        }

        return new TfjsWeight(shape, values);
    }

    private static void Need(byte[] bytes, int offset, int length, string name)
    {
        if (offset + length > bytes.Length)
        {
            throw new InvalidDataException($"The shards end before weight '{name}' does.");
        }
    }
}
