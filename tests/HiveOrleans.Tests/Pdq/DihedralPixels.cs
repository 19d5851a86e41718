using HiveOrleans.Moderation.Pdq;
using SkiaSharp;

namespace HiveOrleans.Tests.Pdq;

/// <summary>
/// Turns and mirrors pixels by moving them, the independent way to make what <see cref="PdqTransform"/> names:
/// output (x, y) reads the input sample given for each transform below, in image coordinates (x right, y down).
/// </summary>
internal static class DihedralPixels
{
    /// <summary>The <paramref name="width"/>×<paramref name="height"/> row-major samples with <paramref name="transform"/> done to them.</summary>
    public static (T[] Samples, int Width, int Height) Apply<T>(T[] samples, int width, int height, PdqTransform transform)
    {
        var swapsSides = transform is PdqTransform.Rotate90 or PdqTransform.Rotate270 or PdqTransform.Transpose or PdqTransform.Transverse;
        var (outWidth, outHeight) = swapsSides ? (height, width) : (width, height);
        var output = new T[samples.Length];
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                var (fromX, fromY) = transform switch
                {
                    PdqTransform.Original => (x, y),
                    PdqTransform.FlipHorizontal => (width - 1 - x, y),
                    PdqTransform.FlipVertical => (x, height - 1 - y),
                    PdqTransform.Rotate180 => (width - 1 - x, height - 1 - y),
                    PdqTransform.Transpose => (y, x),
                    PdqTransform.Rotate90 => (y, height - 1 - x),
                    PdqTransform.Rotate270 => (width - 1 - y, x),
                    PdqTransform.Transverse => (width - 1 - y, height - 1 - x),
                    _ => throw new ArgumentOutOfRangeException(nameof(transform)),
                };
                output[(y * outWidth) + x] = samples[(fromY * width) + fromX];
            }
        }

        return (output, outWidth, outHeight);
    }

    /// <summary>A copy of <paramref name="bitmap"/> (RGBA) turned or mirrored.</summary>
    public static SKBitmap Apply(SKBitmap bitmap, PdqTransform transform)
    {
        var pixels = bitmap.GetPixelSpan().ToArray();
        var words = new uint[pixels.Length / 4];
        Buffer.BlockCopy(pixels, 0, words, 0, pixels.Length);
        var (moved, width, height) = Apply(words, bitmap.Width, bitmap.Height, transform);
        var result = new SKBitmap(new SKImageInfo(width, height, bitmap.ColorType, bitmap.AlphaType));
        var target = result.GetPixelSpan();
        var bytes = new byte[pixels.Length];
        Buffer.BlockCopy(moved, 0, bytes, 0, bytes.Length);
        bytes.CopyTo(target);
        return result;
    }
}
