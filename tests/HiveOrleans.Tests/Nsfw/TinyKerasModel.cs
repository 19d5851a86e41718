using System.Text.Json.Nodes;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>
/// A small Keras layers model in TensorFlow.js's on-disk form, written here, with a plain NHWC reference of what it
/// computes: ZeroPadding2D bottom/right → Conv2D 3×3 stride 2 valid (uint8-quantized kernel) → BatchNormalization →
/// ReLU(max 6) → DepthwiseConv2D 3×3 "same", multiplier 2 → Add with itself → AveragePooling2D 2×2 stride 1 "same" →
/// Flatten of a 2×2 map → Dense softmax.
/// </summary>
internal sealed class TinyKerasModel
{
    public const int Side = 5;
    public const int Channels = 2;
    private const int Filters = 2;
    private const int Multiplier = 2;
    private const int Classes = 3;

    private readonly Random _random = new(7);
    private readonly List<(string Name, int[] Shape, float[] Values, JsonObject? Quantization, byte[] Bytes)> _weights = [];

    public TinyKerasModel()
    {
        // The conv kernel is stored uint8-quantized, as nsfwjs's are: value = q × scale + min.
        var q = Enumerable.Range(0, 3 * 3 * Channels * Filters).Select(_ => (byte)_random.Next(256)).ToArray();
        const double Min = -0.6, Scale = 1.2 / 255;
        ConvKernel = [.. q.Select(v => (float)((v * Scale) + Min))];
        _weights.Add(("conv/kernel", [3, 3, Channels, Filters], ConvKernel, new JsonObject { ["dtype"] = "uint8", ["min"] = Min, ["scale"] = Scale }, q));
        Gamma = Add("bn/gamma", [Filters], 0.5, 1.5);
        Beta = Add("bn/beta", [Filters], -0.5, 0.5);
        Mean = Add("bn/moving_mean", [Filters], -0.2, 0.2);
        Variance = Add("bn/moving_variance", [Filters], 0.5, 2);
        DepthwiseKernel = Add("dw/depthwise_kernel", [3, 3, Filters, Multiplier], -1, 1);
        DenseKernel = Add("dense/kernel", [2 * 2 * Filters * Multiplier, Classes], -0.5, 0.5);
        DenseBias = Add("dense/bias", [Classes], -0.1, 0.1);
    }

    public float[] ConvKernel { get; }

    public float[] Gamma { get; }

    public float[] Beta { get; }

    public float[] Mean { get; }

    public float[] Variance { get; }

    public float[] DepthwiseKernel { get; }

    public float[] DenseKernel { get; }

    public float[] DenseBias { get; }

    /// <summary>Writes model.json and its one shard into <paramref name="directory"/>.</summary>
    public void Write(string directory)
    {
        static JsonArray Inbound(params string[] from) => [new JsonArray([.. from.Select(name => (JsonNode)new JsonArray(name, 0, 0, new JsonObject()))])];
        static JsonObject Layer(string kind, string name, JsonObject config, params string[] from) =>
            new() { ["class_name"] = kind, ["name"] = name, ["config"] = config, ["inbound_nodes"] = from.Length == 0 ? new JsonArray() : Inbound(from) };

        var layers = new JsonArray(
            Layer("InputLayer", "input", new JsonObject { ["batch_input_shape"] = new JsonArray(null, Side, Side, Channels), ["dtype"] = "float32" }),
            Layer("ZeroPadding2D", "pad", new JsonObject { ["padding"] = new JsonArray(new JsonArray(0, 1), new JsonArray(0, 1)), ["data_format"] = "channels_last" }, "input"),
            Layer("Conv2D", "conv", Conv(3, 2, "valid"), "pad"),
            Layer("BatchNormalization", "bn", new JsonObject { ["axis"] = -1, ["epsilon"] = 0.001, ["center"] = true, ["scale"] = true }, "conv"),
            Layer("ReLU", "relu", new JsonObject { ["max_value"] = 6.0, ["negative_slope"] = 0.0, ["threshold"] = 0.0 }, "bn"),
            Layer("DepthwiseConv2D", "dw", Conv(3, 1, "same"), "relu"),
            Layer("Add", "add", new JsonObject(), "dw", "dw"),
            Layer("AveragePooling2D", "pool", new JsonObject { ["pool_size"] = new JsonArray(2, 2), ["strides"] = new JsonArray(1, 1), ["padding"] = "same", ["data_format"] = "channels_last" }, "add"),
            Layer("Flatten", "flatten", new JsonObject(), "pool"),
            Layer("Dropout", "dropout", new JsonObject { ["rate"] = 0.5 }, "flatten"),
            Layer("Dense", "dense", new JsonObject { ["units"] = Classes, ["activation"] = "softmax", ["use_bias"] = true }, "dropout"));
        var manifest = new JsonArray([.. _weights.Select(w =>
        {
            var spec = new JsonObject { ["name"] = w.Name, ["shape"] = new JsonArray([.. w.Shape.Select(d => (JsonNode)d)]), ["dtype"] = "float32" };
            if (w.Quantization is not null)
            {
                spec["quantization"] = w.Quantization.DeepClone();
            }

            return (JsonNode)spec;
        })]);
        var model = new JsonObject
        {
            ["format"] = "layers-model",
            ["generatedBy"] = "test",
            ["modelTopology"] = new JsonObject
            {
                ["model_config"] = new JsonObject
                {
                    ["class_name"] = "Model",
                    ["config"] = new JsonObject { ["name"] = "tiny", ["layers"] = layers, ["output_layers"] = new JsonArray(new JsonArray("dense", 0, 0)) },
                },
            },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("group1-shard1of1.bin"), ["weights"] = manifest }),
        };
        File.WriteAllText(Path.Combine(directory, "model.json"), model.ToJsonString());
        File.WriteAllBytes(Path.Combine(directory, "group1-shard1of1.bin"), [.. _weights.SelectMany(w => w.Bytes)]);

        static JsonObject Conv(int kernel, int stride, string padding) => new()
        {
            ["kernel_size"] = new JsonArray(kernel, kernel),
            ["strides"] = new JsonArray(stride, stride),
            ["padding"] = padding,
            ["data_format"] = "channels_last",
            ["dilation_rate"] = new JsonArray(1, 1),
            ["activation"] = "linear",
            ["use_bias"] = false,
            ["depth_multiplier"] = Multiplier,
        };
    }

    private float[] Add(string name, int[] shape, double low, double high)
    {
        var values = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(low + (_random.NextDouble() * (high - low)))).ToArray();
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        _weights.Add((name, shape, values, null, bytes));
        return values;
    }
}
