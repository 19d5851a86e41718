using SkiaSharp;

namespace HiveOrleans.Moderation.Pdq;

/// <summary>Decodes image bytes with Skia and converts them to PDQ's luma (Rec. 601 weights, 0–255).</summary>
internal static class LumaDecoder
{
    /// <summary>
    /// Above this many pixels we ask the codec for a reduced-scale decode (JPEG decodes at n/8 scales for
    /// almost nothing; the codec rounds up, so this is a target, not a cap): the 64×64 tent filter would
    /// average that detail away anyway, and it bounds memory on huge uploads.
    /// </summary>
    internal const long ScaledDecodeThreshold = 16L * 1024 * 1024;

    /// <summary>Formats that cannot decode at a reduced scale are refused past this size instead of risking ~1 GB of buffers.</summary>
    internal const long MaximumDecodedPixels = 64L * 1024 * 1024;

    private const float RedWeight = 0.299f;
    private const float GreenWeight = 0.587f;
    private const float BlueWeight = 0.114f;

    public static LumaPlane Decode(ReadOnlySpan<byte> encoded, long maxImagePixels = PdqHasher.DefaultMaxImagePixels, long scaledDecodeThreshold = ScaledDecodeThreshold)
    {
        if (encoded.IsEmpty)
        {
            throw new UnsupportedImageException("The image is empty.");
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new UnsupportedImageException("The bytes are not a decodable image (expected JPEG, PNG, GIF, WebP or BMP).");

        var size = DecodeSize(codec, maxImagePixels, scaledDecodeThreshold);

        // Grey images stay grey so their luma is exactly the stored value, as in the reference.
        // Colour is decoded unpremultiplied with no colour-space conversion: the reference hashes the raw
        // sample values and ignores alpha, and we want the same bits for the same file.
        var grey = codec.Info.ColorType == SKColorType.Gray8;
        var target = new SKImageInfo(
            size.Width,
            size.Height,
            grey ? SKColorType.Gray8 : SKColorType.Rgba8888,
            grey ? SKAlphaType.Opaque : SKAlphaType.Unpremul);

        using var bitmap = new SKBitmap(target);
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            throw new UnsupportedImageException($"Could not allocate a {size.Width}×{size.Height} image.");
        }

        // GIFs decode their first frame here. A truncated file still shows its decoded part in a browser,
        // so we hash what is there rather than refusing it.
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new UnsupportedImageException($"The image could not be decoded: {result}.");
        }

        var plane = new LumaPlane(size.Width, size.Height);
        try
        {
            FillLuma(bitmap.GetPixelSpan(), bitmap.RowBytes, grey, plane);
            return plane;
        }
        catch
        {
            plane.Dispose();
            throw;
        }
    }

    private static SKSizeI DecodeSize(SKCodec codec, long maxImagePixels, long scaledDecodeThreshold)
    {
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new UnsupportedImageException("The image has no pixels.");
        }

        var size = new SKSizeI(info.Width, info.Height);
        var pixels = (long)info.Width * info.Height;
        if (pixels > maxImagePixels)
        {
            throw new UnsupportedImageException(
                $"The image declares {info.Width}×{info.Height} pixels ({pixels / 1_000_000.0:0.#} megapixels); images over {maxImagePixels / 1_000_000.0:0.#} megapixels are not processed.");
        }

        if (pixels > scaledDecodeThreshold)
        {
            size = codec.GetScaledDimensions((float)Math.Sqrt((double)scaledDecodeThreshold / pixels));
        }

        if ((long)size.Width * size.Height > MaximumDecodedPixels)
        {
            throw new UnsupportedImageException(
                $"The image is {info.Width}×{info.Height}; images over {MaximumDecodedPixels / (1024 * 1024)} megapixels are not hashed.");
        }

        return size;
    }

    /// <summary>The luma of packed 8-bit RGB samples (a video frame decoded as rgb24), with the weights used for still images.</summary>
    internal static void FillLuma(ReadOnlySpan<byte> rgb, Span<float> luma)
    {
        for (int i = 0, p = 0; i < luma.Length; i++, p += 3)
        {
            luma[i] = (RedWeight * rgb[p]) + (GreenWeight * rgb[p + 1]) + (BlueWeight * rgb[p + 2]);
        }
    }

    private static void FillLuma(ReadOnlySpan<byte> pixels, int rowBytes, bool grey, LumaPlane plane)
    {
        var luma = plane.Pixels;
        var width = plane.Width;
        for (var y = 0; y < plane.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, grey ? width : width * 4);
            var output = luma.Slice(y * width, width);
            if (grey)
            {
                for (var x = 0; x < width; x++)
                {
                    output[x] = row[x];
                }
            }
            else
            {
                for (var x = 0; x < width; x++)
                {
                    var p = x * 4;
                    output[x] = (RedWeight * row[p]) + (GreenWeight * row[p + 1]) + (BlueWeight * row[p + 2]);
                }
            }
        }
    }
}
