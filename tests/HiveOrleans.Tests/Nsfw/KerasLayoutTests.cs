using HiveOrleans.Moderation.Nsfw;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>The geometry where Keras and ONNX differ, against values worked out by hand.</summary>
public sealed class KerasLayoutTests
{
    [Theory]
    [InlineData(224, 3, 2, 0, 1, 112)] // stride 2 on an even size: the one pixel of padding goes after
    [InlineData(225, 3, 2, 1, 1, 113)]
    [InlineData(7, 3, 1, 1, 1, 7)]
    [InlineData(5, 4, 1, 1, 2, 5)] // an even kernel: the smaller half before
    [InlineData(6, 1, 2, 0, 0, 3)]
    [InlineData(7, 7, 7, 0, 0, 1)]
    public void Same_padding_follows_tensorflow(int size, int kernel, int stride, int before, int after, int output) =>
        Assert.Equal((before, after, output), KerasLayout.Same(size, kernel, stride));

    [Fact]
    public void A_conv_kernel_moves_from_hwio_to_oihw()
    {
        // [kh=1, kw=2, in=2, out=3], value = 1000y + 100x + 10i + o, so each value names its position.
        const int Kh = 1, Kw = 2, In = 2, Out = 3;
        var kernel = new float[Kh * Kw * In * Out];
        for (var x = 0; x < Kw; x++)
        {
            for (var i = 0; i < In; i++)
            {
                for (var o = 0; o < Out; o++)
                {
                    kernel[(((x * In) + i) * Out) + o] = (100 * x) + (10 * i) + o;
                }
            }
        }

        var onnx = KerasLayout.ConvKernel(kernel, Kh, Kw, In, Out);

        // ONNX [out, in, kh, kw]: out-major, then input channel, then x.
        Assert.Equal([0, 100, 10, 110, 1, 101, 11, 111, 2, 102, 12, 112], onnx);
    }

    [Fact]
    public void A_depthwise_kernel_becomes_one_filter_per_output_channel_grouped_by_input()
    {
        // [kh=1, kw=2, in=2, multiplier=2], value = 100x + 10i + j.
        float[] kernel = [0, 1, 10, 11, 100, 101, 110, 111];

        var onnx = KerasLayout.DepthwiseKernel(kernel, 1, 2, 2, 2);

        // ONNX [in × multiplier, 1, kh, kw]: channel i×m + j holds input i's j-th filter, then x.
        Assert.Equal([0, 100, 1, 101, 10, 110, 11, 111], onnx);
    }
}
