using HiveOrleans.Moderation.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>Our ONNX writer's output, run by ONNX Runtime, against values worked out by hand.</summary>
public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void A_two_layer_net_written_by_hand_computes_what_the_arithmetic_says()
    {
        // y = W2 · relu(W1 · x + b1) + b2, x of 2, hidden 2, out 2. Gemm's B is [in, out].
        var graph = new OnnxGraphBuilder("tiny");
        graph.Input("x", "N", 2);
        var w1 = graph.Initializer("w1", [2, 2], [1f, -1f, 2f, 0.5f]);
        var b1 = graph.Initializer("b1", [2], [0.5f, -4f]);
        var w2 = graph.Initializer("w2", [2, 2], [1f, 2f, 3f, -1f]);
        var b2 = graph.Initializer("b2", [2], [0f, 10f]);
        graph.Node("Gemm", ["x", w1, b1], ["h"]);
        graph.Node("Relu", ["h"], ["r"]);
        graph.Node("Gemm", ["r", w2, b2], ["y"]);
        graph.Output("y", "N", 2);

        using var session = new InferenceSession(graph.ToModel(13, "test"));
        using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 3f, 1f, -1f, 2f }, [2, 2]);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
        var y = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        // x = (3, 1): h = (3·1 + 1·2 + 0.5, 3·-1 + 1·0.5 - 4) = (5.5, -6.5); r = (5.5, 0); y = (5.5, 11 + 10).
        // x = (-1, 2): h = (-1 + 4 + 0.5, 1 + 1 - 4) = (3.5, -2); r = (3.5, 0); y = (3.5, 7 + 10).
        Assert.Equal([5.5f, 21f, 3.5f, 17f], y);
    }
}
