namespace HiveOrleans.Moderation.Nsfw;

/// <summary>The geometry rules where Keras (TensorFlow) and ONNX differ: "same" padding and kernel layouts.</summary>
internal static class KerasLayout
{
    /// <summary>
    /// TensorFlow's "same" padding along one axis: the output is ⌈size / stride⌉, the padding needed for it is
    /// split with the smaller half before (so stride 2 on an even size pads only after). ONNX's <c>auto_pad</c>
    /// is not used: the pads are spelled out.
    /// </summary>
    public static (int Before, int After, int Output) Same(int size, int kernel, int stride)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + kernel - size, 0);
        return (total / 2, total - (total / 2), output);
    }

    /// <summary>"valid" (no) padding along one axis: the output size.</summary>
    public static int Valid(int size, int kernel, int stride) => ((size - kernel) / stride) + 1;

    /// <summary>A Conv2D kernel, TensorFlow's [kh, kw, in, out], as ONNX Conv's weight [out, in, kh, kw].</summary>
    public static float[] ConvKernel(ReadOnlySpan<float> kernel, int kh, int kw, int inputs, int outputs)
    {
        var weights = new float[kernel.Length];
        for (var y = 0; y < kh; y++)
        {
            for (var x = 0; x < kw; x++)
            {
                for (var i = 0; i < inputs; i++)
                {
                    for (var o = 0; o < outputs; o++)
                    {
                        weights[(((((o * inputs) + i) * kh) + y) * kw) + x] = kernel[(((((y * kw) + x) * inputs) + i) * outputs) + o];
                    }
                }
            }
        }

        return weights;
    }

    /// <summary>
    /// A DepthwiseConv2D kernel, TensorFlow's [kh, kw, in, multiplier], as the weight [in × multiplier, 1, kh, kw] of
    /// an ONNX Conv with <c>group = in</c>: output channel <c>i × multiplier + j</c> is input i's j-th filter.
    /// </summary>
    public static float[] DepthwiseKernel(ReadOnlySpan<float> kernel, int kh, int kw, int inputs, int multiplier)
    {
        var weights = new float[kernel.Length];
        for (var y = 0; y < kh; y++)
        {
            for (var x = 0; x < kw; x++)
            {
                for (var i = 0; i < inputs; i++)
                {
                    for (var j = 0; j < multiplier; j++)
                    {
                        weights[(((((i * multiplier) + j) * kh) + y) * kw) + x] = kernel[(((((y * kw) + x) * inputs) + i) * multiplier) + j];
                    }
                }
            }
        }

        return weights;
    }
}
