namespace HiveOrleans.Moderation.Onnx;

/// <summary>A decoded picture: 8-bit red, green and blue samples, row by row, no padding.</summary>
public sealed record RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != 3L * width * height)
        {
            throw new ArgumentException($"A {width}×{height} RGB picture takes {3L * width * height} bytes; got {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B of the top-left pixel, then of its right neighbour, and so on.</summary>
    public byte[] Pixels { get; }
}
