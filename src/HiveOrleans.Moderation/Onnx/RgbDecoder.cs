using HiveOrleans.Moderation.Pdq;
using SkiaSharp;

namespace HiveOrleans.Moderation.Onnx;

/// <summary>Decodes image bytes with Skia into the RGB samples a classifier reads.</summary>
public static class RgbDecoder
{
    /// <summary>
    /// Above this many pixels the codec decodes at a reduced scale (JPEG's n/8 scales cost almost nothing): a
    /// classifier sees the picture at a few hundred pixels a side, and it bounds memory on huge uploads.
    /// </summary>
    public const long ScaledDecodeThreshold = 16L * 1024 * 1024;

    /// <summary>
    /// Decodes JPEG, PNG, GIF (first frame), WebP or BMP bytes. Colour is decoded unpremultiplied with no colour-space
    /// conversion and alpha is dropped, as nsfwjs in Node sees a picture's raw samples; EXIF orientation is not
    /// applied (neither does nsfwjs).
    /// </summary>
    /// <exception cref="UnsupportedImageException">The bytes are not an image we can decode, or it is too large.</exception>
    public static RgbImage Decode(ReadOnlySpan<byte> encoded, long maxImagePixels = PdqHasher.DefaultMaxImagePixels)
    {
        if (encoded.IsEmpty)
        {
            throw new UnsupportedImageException("The image is empty.");
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new UnsupportedImageException("The bytes are not a decodable image (expected JPEG, PNG, GIF, WebP or BMP).");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new UnsupportedImageException("The image has no pixels.");
        }

        var pixels = (long)info.Width * info.Height;
        if (pixels > maxImagePixels)
        {
            throw new UnsupportedImageException(
                $"The image declares {info.Width}×{info.Height} pixels ({pixels / 1_000_000.0:0.#} megapixels); images over {maxImagePixels / 1_000_000.0:0.#} megapixels are not processed.");
        }

        var size = pixels > ScaledDecodeThreshold
            ? codec.GetScaledDimensions((float)Math.Sqrt((double)ScaledDecodeThreshold / pixels))
            : new SKSizeI(info.Width, info.Height);
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(target);
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            throw new UnsupportedImageException($"Could not allocate a {size.Width}×{size.Height} image.");
        }

        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new UnsupportedImageException($"The image could not be decoded: {result}.");
        }

        return FromRgba(bitmap.GetPixelSpan(), bitmap.RowBytes, size.Width, size.Height);
    }

    /// <summary>Drops the alpha of 8-bit RGBA rows.</summary>
    internal static RgbImage FromRgba(ReadOnlySpan<byte> rgba, int rowBytes, int width, int height)
    {
        var rgb = new byte[3 * width * height];
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            var output = rgb.AsSpan(y * width * 3, width * 3);
            for (int x = 0, i = 0, o = 0; x < width; x++, i += 4, o += 3)
            {
                output[o] = row[i];
                output[o + 1] = row[i + 1];
                output[o + 2] = row[i + 2];
            }
        }

        return new RgbImage(width, height, rgb);
    }
}
