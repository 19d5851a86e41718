using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Tests.Models;

/// <summary>
/// A tiny image classifier the tests write with our ONNX writer: a 2×2 RGB picture (NCHW, samples / 255) flattened to
/// 12 values, a hidden layer of 4 (MatMul, Add, Relu), an output layer of 3 (MatMul, Add) and Softmax. Hidden unit 0
/// sums the red samples, 1 the green, 2 the blue; unit 3 is 0.5 minus all twelve. Outputs: red = h0, green = h1, blue =
/// h2 + h3. A solid red picture gives h = (4, 0, 0, 0) and logits (4, 0, 0): softmax e⁴ / (e⁴ + 2) ≈ 0.96466 for red,
/// 1 / (e⁴ + 2) ≈ 0.01767 for the others. <see cref="Scores"/> does the same arithmetic by hand, for servers and checks.
/// </summary>
public static class TinyImageNet
{
    /// <summary>The labels, in output order.</summary>
    public static readonly IReadOnlyList<string> Labels = ["red", "green", "blue"];

    /// <summary>The input's side in pixels.</summary>
    public const int Side = 2;

    private static readonly float[] W1 = BuildW1();
    private static readonly float[] B1 = [0f, 0f, 0f, 0.5f];

    // [4, 3]: out0 = h0, out1 = h1, out2 = h2 + h3.
    private static readonly float[] W2 = [1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 1f];
    private static readonly float[] B2 = [0f, 0f, 0f];

    /// <summary>The model: input <paramref name="input"/> float[N, 3, 2, 2] (or [N, 2, 2, 3] when <paramref name="nhwc"/>), output <paramref name="output"/> float[N, <paramref name="labels"/>].</summary>
    /// <param name="labels">3 for the real net; another count writes a net whose output does not match 3 labels.</param>
    public static byte[] Onnx(string input = "pixels", string output = "scores", bool nhwc = false, int labels = 3)
    {
        var graph = new OnnxGraphBuilder("tiny-image-net");
        if (nhwc)
        {
            graph.Input(input, "N", Side, Side, 3);
            graph.Node("Transpose", [input], ["nchw"], OnnxGraphBuilder.Attribute("perm", 0L, 3L, 1L, 2L));
        }
        else
        {
            graph.Input(input, "N", 3, Side, Side);
        }

        graph.Node("Flatten", [nhwc ? "nchw" : input], ["flat"], OnnxGraphBuilder.Attribute("axis", 1L));
        graph.Node("MatMul", ["flat", graph.Initializer("w1", [12, 4], W1)], ["hm"]);
        graph.Node("Add", ["hm", graph.Initializer("b1", [4], B1)], ["h"]);
        graph.Node("Relu", ["h"], ["r"]);
        var w2 = labels == 3 ? W2 : [.. Enumerable.Range(0, 4 * labels).Select(i => (float)(i % 3))];
        var b2 = labels == 3 ? B2 : new float[labels];
        graph.Node("MatMul", ["r", graph.Initializer("w2", [4, labels], w2)], ["om"]);
        graph.Node("Add", ["om", graph.Initializer("b2", [labels], b2)], ["logits"]);
        graph.Node("Softmax", ["logits"], [output], OnnxGraphBuilder.Attribute("axis", 1L));
        graph.Output(output, "N", labels);
        return graph.ToModel(13, "HiveOrleans.Tests");
    }

    /// <summary>The net's scores for one picture's 12 input values (NCHW), computed by hand in double.</summary>
    public static double[] Scores(ReadOnlySpan<float> nchw)
    {
        var hidden = new double[4];
        for (var j = 0; j < 4; j++)
        {
            double sum = B1[j];
            for (var i = 0; i < 12; i++)
            {
                sum += nchw[i] * W1[(i * 4) + j];
            }

            hidden[j] = Math.Max(0, sum);
        }

        var logits = new double[3];
        for (var k = 0; k < 3; k++)
        {
            logits[k] = B2[k];
            for (var j = 0; j < 4; j++)
            {
                logits[k] += hidden[j] * W2[(j * 3) + k];
            }
        }

        var max = logits.Max();
        var exps = logits.Select(l => Math.Exp(l - max)).ToArray();
        return [.. exps.Select(e => e / exps.Sum())];
    }

    /// <summary>[12, 4]: input i (channel i / 4) feeds hidden unit (i / 4) with weight 1 and unit 3 with weight -1.</summary>
    private static float[] BuildW1()
    {
        var w = new float[12 * 4];
        for (var i = 0; i < 12; i++)
        {
            w[(i * 4) + (i / 4)] = 1f;
            w[(i * 4) + 3] = -1f;
        }

        return w;
    }
}
