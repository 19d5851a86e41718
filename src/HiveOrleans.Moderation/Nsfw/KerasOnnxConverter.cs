using System.Text.Json;
using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Moderation.Nsfw;

/// <summary>
/// Converts a Keras layers model (as TensorFlow.js stores it) to an ONNX graph (opset 13) for the layer types
/// MobileNet-style classifiers use: InputLayer, ZeroPadding2D, Conv2D, DepthwiseConv2D, BatchNormalization, ReLU,
/// Activation, Add, AveragePooling2D, Flatten, Dropout and Dense. Anything else is refused by name, never skipped.
/// Inside the graph tensors are NCHW; the graph's input stays NHWC <c>[N, H, W, C]</c> like the Keras model's,
/// transposed once. ONNX Runtime fuses batch normalization and clipping into the convolutions itself.
/// </summary>
internal sealed class KerasOnnxConverter
{
    /// <summary>Bumped whenever the converter's output changes, so cached conversions are redone.</summary>
    public const string Version = "keras2onnx-1";

    /// <summary>The graph's output: one score per class.</summary>
    public const string OutputName = "scores";

    private const int Opset = 13;

    private readonly TfjsLayersModel _model;
    private readonly OnnxGraphBuilder _graph = new("keras");
    private readonly Dictionary<string, Tensor> _tensors = new(StringComparer.Ordinal);

    private KerasOnnxConverter(TfjsLayersModel model) => _model = model;

    /// <summary>
    /// A tensor between layers: its ONNX name, NCHW size (H = W = 1 and <see cref="Spatial"/> false after Flatten),
    /// and zero padding a ZeroPadding2D asked for that is not applied yet (top, left, bottom, right): it is folded
    /// into the next convolution's pads, or materialized as a Pad node where it cannot be.
    /// </summary>
    private sealed record Tensor(string Name, int H, int W, int C, bool Spatial, int[] Pending)
    {
        public bool HasPending => Pending.Any(p => p != 0);
    }

    /// <exception cref="NotSupportedException">The model uses a layer type or an option the converter does not handle.</exception>
    public static byte[] Convert(TfjsLayersModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new KerasOnnxConverter(model).Convert();
    }

    private byte[] Convert()
    {
        var config = _model.Topology;
        foreach (var layer in config.GetProperty("layers").EnumerateArray())
        {
            var kind = layer.GetProperty("class_name").GetString()!;
            var name = layer.GetProperty("name").GetString()!;
            var options = layer.GetProperty("config");
            var inbound = layer.GetProperty("inbound_nodes");
            var inputs = inbound.GetArrayLength() == 0 ? [] : inbound[0].EnumerateArray().Select(node => _tensors[node[0].GetString()!]).ToArray();
            _tensors[name] = kind switch
            {
                "InputLayer" => InputLayer(name, options),
                "ZeroPadding2D" => ZeroPadding(inputs[0], options),
                "Conv2D" => Convolution(name, inputs[0], options, depthwise: false),
                "DepthwiseConv2D" => Convolution(name, inputs[0], options, depthwise: true),
                "BatchNormalization" => BatchNormalization(name, inputs[0], options),
                "ReLU" => Relu(name, inputs[0], options),
                "Activation" => Activation(name, Materialize(inputs[0]), options.GetProperty("activation").GetString()!),
                "Add" => Add(name, inputs),
                "AveragePooling2D" => AveragePooling(name, inputs[0], options),
                "Flatten" => Flatten(name, inputs[0]),
                "Dropout" => inputs[0],
                "Dense" => Dense(name, inputs[0], options),
                _ => throw new NotSupportedException($"Layer '{name}' is a {kind}, which the converter does not handle."),
            };
        }

        var outputs = config.GetProperty("output_layers");
        if (outputs.GetArrayLength() != 1)
        {
            throw new NotSupportedException($"The model has {outputs.GetArrayLength()} outputs; a classifier has one.");
        }

        var output = Materialize(_tensors[outputs[0][0].GetString()!]);
        if (output.Spatial)
        {
            throw new NotSupportedException("The model's output is a feature map, not a score per class.");
        }

        _graph.Node("Identity", [output.Name], [OutputName]);
        _graph.Output(OutputName, "N", output.C);
        return _graph.ToModel(Opset, "hiveorleans " + Version);
    }

    private Tensor InputLayer(string name, JsonElement options)
    {
        var shape = options.GetProperty("batch_input_shape").EnumerateArray().Skip(1).Select(d => d.GetInt32()).ToArray();
        if (shape.Length != 3)
        {
            throw new NotSupportedException($"Input '{name}' has shape [{string.Join(", ", shape)}]; an image input is [height, width, channels].");
        }

        _graph.Input(name, "N", shape[0], shape[1], shape[2]);
        var nchw = name + "_nchw";
        _graph.Node("Transpose", [name], [nchw], OnnxGraphBuilder.Attribute("perm", 0, 3, 1, 2));
        return new Tensor(nchw, shape[0], shape[1], shape[2], true, [0, 0, 0, 0]);
    }

    private static Tensor ZeroPadding(Tensor x, JsonElement options)
    {
        var padding = options.GetProperty("padding");
        int top = padding[0][0].GetInt32(), bottom = padding[0][1].GetInt32(), left = padding[1][0].GetInt32(), right = padding[1][1].GetInt32();
        var p = x.Pending;
        return x with { H = x.H + top + bottom, W = x.W + left + right, Pending = [p[0] + top, p[1] + left, p[2] + bottom, p[3] + right] };
    }

    /// <summary>Applies pending zero padding with a Pad node (opset 13: pads as an int64 input, all begins then all ends).</summary>
    private Tensor Materialize(Tensor x)
    {
        if (!x.HasPending)
        {
            return x;
        }

        var p = x.Pending;
        var pads = _graph.Initializer(_graph.Fresh("pads"), [8], [0L, 0, p[0], p[1], 0, 0, p[2], p[3]]);
        var padded = _graph.Fresh("pad");
        _graph.Node("Pad", [x.Name, pads], [padded]);
        return x with { Name = padded, Pending = [0, 0, 0, 0] };
    }

    private static int[] Ints(JsonElement options, string property) => [.. options.GetProperty(property).EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>The ONNX pads (top, left, bottom, right) and output size of a window over <paramref name="x"/>.</summary>
    private static (int[] Pads, int H, int W) Window(Tensor x, JsonElement options, int kh, int kw)
    {
        var strides = Ints(options, "strides");
        if (options.GetProperty("padding").GetString() == "same")
        {
            if (x.HasPending)
            {
                throw new NotSupportedException("ZeroPadding2D before a layer with 'same' padding is not handled.");
            }

            var (top, bottom, h) = KerasLayout.Same(x.H, kh, strides[0]);
            var (left, right, w) = KerasLayout.Same(x.W, kw, strides[1]);
            return ([top, left, bottom, right], h, w);
        }

        return ([.. x.Pending], KerasLayout.Valid(x.H, kh, strides[0]), KerasLayout.Valid(x.W, kw, strides[1]));
    }

    private Tensor Convolution(string name, Tensor x, JsonElement options, bool depthwise)
    {
        if (options.TryGetProperty("dilation_rate", out var dilation) && dilation.EnumerateArray().Any(d => d.GetInt32() != 1))
        {
            throw new NotSupportedException($"Layer '{name}' is dilated, which the converter does not handle.");
        }

        RequireChannelsLast(name, options);
        var kernelName = name + (depthwise ? "/depthwise_kernel" : "/kernel");
        var kernel = Weight(kernelName);
        int kh = kernel.Shape[0], kw = kernel.Shape[1], inputs = kernel.Shape[2], last = kernel.Shape[3];
        var outputs = depthwise ? inputs * last : last;
        var weights = depthwise
            ? KerasLayout.DepthwiseKernel(kernel.Values, kh, kw, inputs, last)
            : KerasLayout.ConvKernel(kernel.Values, kh, kw, inputs, last);
        var nodeInputs = new List<string> { x.Name, _graph.Initializer(kernelName, [outputs, depthwise ? 1 : inputs, kh, kw], weights) };
        if (options.GetProperty("use_bias").GetBoolean())
        {
            nodeInputs.Add(_graph.Initializer(name + "/bias", [outputs], Weight(name + "/bias").Values));
        }

        var (pads, h, w) = Window(x, options, kh, kw);
        var strides = Ints(options, "strides");
        var convolved = name + "_conv";
        _graph.Node(
            "Conv",
            nodeInputs,
            [convolved],
            OnnxGraphBuilder.Attribute("kernel_shape", kh, kw),
            OnnxGraphBuilder.Attribute("strides", strides[0], strides[1]),
            OnnxGraphBuilder.Attribute("pads", pads[0], pads[1], pads[2], pads[3]),
            OnnxGraphBuilder.Attribute("group", depthwise ? inputs : 1L));
        return Activation(name, new Tensor(convolved, h, w, outputs, true, [0, 0, 0, 0]), options.GetProperty("activation").GetString()!);
    }

    private Tensor Activation(string name, Tensor x, string activation)
    {
        switch (activation)
        {
            case "linear":
                return x;
            case "relu":
                _graph.Node("Relu", [x.Name], [name]);
                break;
            case "relu6":
                Clip(x.Name, name, 0, 6);
                break;
            case "sigmoid":
                _graph.Node("Sigmoid", [x.Name], [name]);
                break;
            case "tanh":
                _graph.Node("Tanh", [x.Name], [name]);
                break;
            case "softmax" when !x.Spatial:
                _graph.Node("Softmax", [x.Name], [name], OnnxGraphBuilder.Attribute("axis", -1L));
                break;
            default:
                throw new NotSupportedException($"Layer '{name}' has activation '{activation}'{(x.Spatial ? " on a feature map" : "")}, which the converter does not handle.");
        }

        return x with { Name = name };
    }

    /// <summary>Opset 11 and later take Clip's bounds as inputs, not attributes.</summary>
    private void Clip(string input, string output, float min, float max)
    {
        var low = _graph.Initializer(_graph.Fresh("clip_min"), [], [min]);
        var high = _graph.Initializer(_graph.Fresh("clip_max"), [], [max]);
        _graph.Node("Clip", [input, low, high], [output]);
    }

    /// <summary>tfjs's kernel computes <c>beta + (x - mean) * gamma / sqrt(var + epsilon)</c>, which is ONNX's definition.</summary>
    private Tensor BatchNormalization(string name, Tensor x, JsonElement options)
    {
        var axis = options.GetProperty("axis");
        var axisValue = axis.ValueKind == JsonValueKind.Array ? axis[0].GetInt32() : axis.GetInt32();
        if (axisValue != -1 && axisValue != (x.Spatial ? 3 : 1))
        {
            throw new NotSupportedException($"Layer '{name}' normalizes axis {axisValue}; only the channel axis is handled.");
        }

        x = Materialize(x);
        var channels = x.C;
        var gamma = options.GetProperty("scale").GetBoolean() ? Weight(name + "/gamma").Values : Enumerable.Repeat(1f, channels).ToArray();
        var beta = options.GetProperty("center").GetBoolean() ? Weight(name + "/beta").Values : new float[channels];
        _graph.Node(
            "BatchNormalization",
            [
                x.Name,
                _graph.Initializer(name + "/gamma", [channels], gamma),
                _graph.Initializer(name + "/beta", [channels], beta),
                _graph.Initializer(name + "/moving_mean", [channels], Weight(name + "/moving_mean").Values),
                _graph.Initializer(name + "/moving_variance", [channels], Weight(name + "/moving_variance").Values),
            ],
            [name],
            OnnxGraphBuilder.Attribute("epsilon", (float)options.GetProperty("epsilon").GetDouble()));
        return x with { Name = name };
    }

    /// <summary>tfjs's ReLU layer honours max_value only; a slope or threshold it would ignore is refused instead.</summary>
    private Tensor Relu(string name, Tensor x, JsonElement options)
    {
        x = Materialize(x);
        if (Number(options, "negative_slope") != 0 || Number(options, "threshold") != 0)
        {
            throw new NotSupportedException($"Layer '{name}' has a negative slope or threshold, which the converter does not handle.");
        }

        if (options.TryGetProperty("max_value", out var max) && max.ValueKind == JsonValueKind.Number)
        {
            Clip(x.Name, name, 0, (float)max.GetDouble());
        }
        else
        {
            _graph.Node("Relu", [x.Name], [name]);
        }

        return x with { Name = name };
    }

    private Tensor Add(string name, Tensor[] inputs)
    {
        inputs = [.. inputs.Select(Materialize)];
        var sum = inputs[0].Name;
        for (var i = 1; i < inputs.Length; i++)
        {
            var output = i == inputs.Length - 1 ? name : _graph.Fresh(name);
            _graph.Node("Add", [sum, inputs[i].Name], [output]);
            sum = output;
        }

        return inputs[0] with { Name = sum };
    }

    /// <summary>
    /// TensorFlow's "same" average ignores the padding (<c>count_include_pad = 0</c>); zeros a ZeroPadding2D added
    /// are real values and count, so they are materialized rather than folded.
    /// </summary>
    private Tensor AveragePooling(string name, Tensor x, JsonElement options)
    {
        RequireChannelsLast(name, options);
        x = Materialize(x);
        var pool = Ints(options, "pool_size");
        var strides = Ints(options, "strides");
        var (pads, h, w) = Window(x, options, pool[0], pool[1]);
        _graph.Node(
            "AveragePool",
            [x.Name],
            [name],
            OnnxGraphBuilder.Attribute("kernel_shape", pool[0], pool[1]),
            OnnxGraphBuilder.Attribute("strides", strides[0], strides[1]),
            OnnxGraphBuilder.Attribute("pads", pads[0], pads[1], pads[2], pads[3]),
            OnnxGraphBuilder.Attribute("count_include_pad", 0L));
        return new Tensor(name, h, w, x.C, true, [0, 0, 0, 0]);
    }

    /// <summary>Keras flattens NHWC: a feature map larger than 1×1 goes back to NHWC first, or Dense weights would not line up.</summary>
    private Tensor Flatten(string name, Tensor x)
    {
        x = Materialize(x);
        var source = x.Name;
        if (x.Spatial && (x.H != 1 || x.W != 1))
        {
            source = _graph.Fresh(name + "_nhwc");
            _graph.Node("Transpose", [x.Name], [source], OnnxGraphBuilder.Attribute("perm", 0, 2, 3, 1));
        }

        _graph.Node("Flatten", [source], [name], OnnxGraphBuilder.Attribute("axis", 1L));
        return new Tensor(name, 1, 1, x.H * x.W * x.C, false, [0, 0, 0, 0]);
    }

    /// <summary>Keras's kernel [in, out] is Gemm's B as it is.</summary>
    private Tensor Dense(string name, Tensor x, JsonElement options)
    {
        if (x.Spatial)
        {
            throw new NotSupportedException($"Layer '{name}' is a Dense layer on a feature map; only Dense after Flatten is handled.");
        }

        var kernel = Weight(name + "/kernel");
        var inputs = new List<string> { x.Name, _graph.Initializer(name + "/kernel", [kernel.Shape[0], kernel.Shape[1]], kernel.Values) };
        if (options.GetProperty("use_bias").GetBoolean())
        {
            inputs.Add(_graph.Initializer(name + "/bias", [kernel.Shape[1]], Weight(name + "/bias").Values));
        }

        var product = name + "_gemm";
        _graph.Node("Gemm", inputs, [product]);
        return Activation(name, new Tensor(product, 1, 1, kernel.Shape[1], false, [0, 0, 0, 0]), options.GetProperty("activation").GetString()!);
    }

    private TfjsWeight Weight(string name) =>
        _model.Weights.TryGetValue(name, out var weight) ? weight : throw new InvalidDataException($"The weights have no tensor '{name}'.");

    private static double Number(JsonElement options, string property) =>
        options.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private static void RequireChannelsLast(string name, JsonElement options)
    {
        if (options.TryGetProperty("data_format", out var format) && format.GetString() != "channels_last")
        {
            throw new NotSupportedException($"Layer '{name}' is {format.GetString()}; only channels_last is handled.");
        }
    }
}
