using HiveOrleans.Moderation.Nsfw;
using Microsoft.ML.OnnxRuntime;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>
/// The converter on a small model that uses every layer type nsfwjs's MobileNetV2 does, run by ONNX Runtime, against
/// a plain NHWC computation of the same layers written out here: the kernel layouts, the bottom/right-only zero
/// padding folded into the convolution, TensorFlow's "same" padding, a pooling average that leaves padding out,
/// Flatten's NHWC order, and the dequantization of uint8 weights.
/// </summary>
public sealed class KerasOnnxConverterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hiveorleans-keras-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_small_keras_model_converts_to_a_graph_that_computes_what_its_layers_say()
    {
        var model = new TinyKerasModel();
        model.Write(_folder);
        var random = new Random(3);
        var inputs = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, TinyKerasModel.Side * TinyKerasModel.Side * TinyKerasModel.Channels)
            .Select(_ => (float)random.NextDouble()).ToArray()).ToArray();

        var onnx = KerasOnnxConverter.Convert(TfjsLayersModel.Load(_folder));
        using var session = new InferenceSession(onnx);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs.SelectMany(x => x).ToArray(), [inputs.Length, TinyKerasModel.Side, TinyKerasModel.Side, TinyKerasModel.Channels]);
        using var outputs = session.Run(new RunOptions(), ["input"], [input], [KerasOnnxConverter.OutputName]);
        var scores = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        for (var n = 0; n < inputs.Length; n++)
        {
            var expected = Reference(model, inputs[n]);
            for (var k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], scores[(n * expected.Length) + k], 1e-5);
            }
        }
    }

    [Fact]
    public void Quantized_weights_are_dequantized_in_double_as_tfjs_does()
    {
        new TinyKerasModel().Write(_folder);
        var bytes = File.ReadAllBytes(Path.Combine(_folder, "group1-shard1of1.bin"));

        var kernel = TfjsLayersModel.Load(_folder).Weights["conv/kernel"].Values;

        // q × (1.2 / 255) − 0.6, worked in double and stored as float32, for the first stored bytes.
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal((float)((bytes[i] * (1.2 / 255)) + -0.6), kernel[i]);
        }
    }

    [Fact]
    public void A_layer_type_the_converter_does_not_handle_is_refused_by_name()
    {
        new TinyKerasModel().Write(_folder);
        var path = Path.Combine(_folder, "model.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"class_name\":\"Add\"", "\"class_name\":\"Multiply\"", StringComparison.Ordinal));

        var refused = Assert.Throws<NotSupportedException>(() => KerasOnnxConverter.Convert(TfjsLayersModel.Load(_folder)));
        Assert.Contains("'add' is a Multiply", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The model's layers computed directly in NHWC, in double.</summary>
    private static double[] Reference(TinyKerasModel model, float[] x)
    {
        const int S = TinyKerasModel.Side, C = TinyKerasModel.Channels, F = 2, M = 2;

        // ZeroPadding2D [[0,1],[0,1]] then Conv2D 3×3 stride 2 valid: a 6×6 input gives 2×2.
        double In(int y, int xx, int c) => y < S && xx < S ? x[(((y * S) + xx) * C) + c] : 0;
        var conv = new double[2, 2, F];
        for (var oy = 0; oy < 2; oy++)
        {
            for (var ox = 0; ox < 2; ox++)
            {
                for (var o = 0; o < F; o++)
                {
                    double sum = 0;
                    for (var ky = 0; ky < 3; ky++)
                    {
                        for (var kx = 0; kx < 3; kx++)
                        {
                            for (var i = 0; i < C; i++)
                            {
                                sum += In((oy * 2) + ky, (ox * 2) + kx, i) * model.ConvKernel[(((((ky * 3) + kx) * C) + i) * F) + o];
                            }
                        }
                    }

                    // BatchNormalization (epsilon 0.001), then ReLU capped at 6.
                    var normalized = ((sum - model.Mean[o]) * model.Gamma[o] / Math.Sqrt(model.Variance[o] + 0.001)) + model.Beta[o];
                    conv[oy, ox, o] = Math.Clamp(normalized, 0, 6);
                }
            }
        }

        // DepthwiseConv2D 3×3 "same" on 2×2 (one pixel each side), multiplier 2; Add with itself doubles it.
        var depthwise = new double[2, 2, F * M];
        for (var y = 0; y < 2; y++)
        {
            for (var xx = 0; xx < 2; xx++)
            {
                for (var i = 0; i < F; i++)
                {
                    for (var j = 0; j < M; j++)
                    {
                        double sum = 0;
                        for (var ky = 0; ky < 3; ky++)
                        {
                            for (var kx = 0; kx < 3; kx++)
                            {
                                int sy = y + ky - 1, sx = xx + kx - 1;
                                if (sy is >= 0 and < 2 && sx is >= 0 and < 2)
                                {
                                    sum += conv[sy, sx, i] * model.DepthwiseKernel[(((((ky * 3) + kx) * F) + i) * M) + j];
                                }
                            }
                        }

                        depthwise[y, xx, (i * M) + j] = 2 * sum;
                    }
                }
            }
        }

        // AveragePooling2D 2×2 stride 1 "same": the window runs off the bottom/right, and only real cells count.
        var flat = new double[2 * 2 * F * M];
        for (var y = 0; y < 2; y++)
        {
            for (var xx = 0; xx < 2; xx++)
            {
                for (var c = 0; c < F * M; c++)
                {
                    double sum = 0;
                    var count = 0;
                    for (var wy = y; wy < Math.Min(2, y + 2); wy++)
                    {
                        for (var wx = xx; wx < Math.Min(2, xx + 2); wx++)
                        {
                            sum += depthwise[wy, wx, c];
                            count++;
                        }
                    }

                    // Flatten in NHWC order.
                    flat[(((y * 2) + xx) * F * M) + c] = sum / count;
                }
            }
        }

        // Dense with bias, softmax.
        var logits = new double[3];
        for (var k = 0; k < 3; k++)
        {
            logits[k] = model.DenseBias[k] + flat.Select((v, n) => v * model.DenseKernel[(n * 3) + k]).Sum();
        }

        var exp = logits.Select(l => Math.Exp(l - logits.Max())).ToArray();
        return [.. exp.Select(e => e / exp.Sum())];
    }
}
