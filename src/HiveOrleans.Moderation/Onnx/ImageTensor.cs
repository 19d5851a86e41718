namespace HiveOrleans.Moderation.Onnx;

/// <summary>Turns a picture into a model's input values as its <see cref="ImagePreprocessing"/> declares.</summary>
public static class ImageTensor
{
    /// <summary>
    /// Writes one picture's <see cref="ImagePreprocessing.ValuesPerImage"/> values. The resize reproduces
    /// TensorFlow.js's bilinear kernel bit for bit (nsfwjs's preprocessing): samples divided in float32, then
    /// interpolated in double from the float values and stored as float32; a picture already at the input size is
    /// not resampled (align-corners at equal size is the identity anyway).
    /// </summary>
    public static void Write(RgbImage image, ImagePreprocessing spec, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(spec);
        if (destination.Length < spec.ValuesPerImage)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; a picture takes {spec.ValuesPerImage}.", nameof(destination));
        }

        var (width, height, divisor) = (spec.Width, spec.Height, spec.Divisor);
        var pixels = image.Pixels;
        var srcWidth = image.Width;
        var identity = image.Width == width && image.Height == height;

        // TensorFlow's align-corners ratio; a one-pixel output takes the first row or column.
        var rowRatio = height > 1 ? (image.Height - 1) / (double)(height - 1) : 0;
        var colRatio = width > 1 ? (image.Width - 1) / (double)(width - 1) : 0;
        Span<int> channelOf = stackalloc int[3];
        for (var c = 0; c < 3; c++)
        {
            channelOf[c] = spec.Channels == ChannelOrder.Rgb ? c : 2 - c;
        }

        for (var y = 0; y < height; y++)
        {
            var sourceRow = rowRatio * y;
            var r0 = (int)Math.Floor(sourceRow);
            var r1 = Math.Min(image.Height - 1, (int)Math.Ceiling(sourceRow));
            var rowFraction = sourceRow - r0;
            for (var x = 0; x < width; x++)
            {
                var sourceCol = colRatio * x;
                var c0 = (int)Math.Floor(sourceCol);
                var c1 = Math.Min(srcWidth - 1, (int)Math.Ceiling(sourceCol));
                var colFraction = sourceCol - c0;
                for (var c = 0; c < 3; c++)
                {
                    var channel = channelOf[c];
                    float value;
                    if (identity)
                    {
                        value = pixels[(((y * srcWidth) + x) * 3) + channel] / divisor;
                    }
                    else
                    {
                        double topLeft = pixels[(((r0 * srcWidth) + c0) * 3) + channel] / divisor;
                        double topRight = pixels[(((r0 * srcWidth) + c1) * 3) + channel] / divisor;
                        double bottomLeft = pixels[(((r1 * srcWidth) + c0) * 3) + channel] / divisor;
                        double bottomRight = pixels[(((r1 * srcWidth) + c1) * 3) + channel] / divisor;
                        var top = topLeft + ((topRight - topLeft) * colFraction);
                        var bottom = bottomLeft + ((bottomRight - bottomLeft) * colFraction);
                        value = (float)(top + ((bottom - top) * rowFraction));
                    }

                    value = (value - spec.Mean[c]) / spec.Std[c];
                    var index = spec.Layout == TensorLayout.Nhwc
                        ? (((y * width) + x) * 3) + c
                        : (((c * height) + y) * width) + x;
                    destination[index] = value;
                }
            }
        }
    }
}
