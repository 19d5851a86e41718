using SkiaSharp;

namespace HiveOrleans.Tests.Pdq;

/// <summary>Deterministic test pictures drawn with Skia, and the edits a re-uploader would make to them.</summary>
internal static class SyntheticImages
{
    /// <summary>A gradient background with a seeded mix of shapes, lines and speckle.</summary>
    public static SKBitmap Scene(int seed, int width = 640, int height = 480)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);

        using (var background = new SKPaint())
        {
            background.Shader = SKShader.CreateLinearGradient(
                new SKPoint(random.Next(width), 0),
                new SKPoint(random.Next(width), height),
                [RandomColor(random), RandomColor(random), RandomColor(random)],
                SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, background);
        }

        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 14; i++)
        {
            paint.Color = RandomColor(random);
            paint.Style = random.Next(3) == 0 ? SKPaintStyle.Stroke : SKPaintStyle.Fill;
            paint.StrokeWidth = 2 + random.Next(12);
            float x = random.Next(width), y = random.Next(height);
            float w = 20 + random.Next(width / 2), h = 20 + random.Next(height / 2);
            switch (random.Next(4))
            {
                case 0:
                    canvas.DrawRect(x - (w / 2), y - (h / 2), w, h, paint);
                    break;
                case 1:
                    canvas.DrawCircle(x, y, w / 3, paint);
                    break;
                case 2:
                    canvas.DrawOval(x, y, w / 2, h / 3, paint);
                    break;
                default:
                    paint.Style = SKPaintStyle.Stroke;
                    canvas.DrawLine(x, y, random.Next(width), random.Next(height), paint);
                    break;
            }
        }

        canvas.Flush();

        // Speckle gives the JPEG encoder and the resamplers real high-frequency content to lose.
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < width * height / 50; i++)
        {
            var at = random.Next(width * height) * 4;
            var shade = (byte)random.Next(256);
            pixels[at] = pixels[at + 1] = pixels[at + 2] = shade;
        }

        return bitmap;
    }

    public static SKBitmap Resize(SKBitmap source, double scale)
    {
        var info = new SKImageInfo(
            (int)Math.Round(source.Width * scale),
            (int)Math.Round(source.Height * scale),
            SKColorType.Rgba8888,
            SKAlphaType.Opaque);
        return source.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException("Skia could not resize the picture.");
    }

    /// <summary>Cuts the given fractions of the width or height off each side.</summary>
    public static SKBitmap Crop(SKBitmap source, double left, double top, double right, double bottom)
    {
        var rect = new SKRectI(
            (int)(source.Width * left),
            (int)(source.Height * top),
            source.Width - (int)(source.Width * right),
            source.Height - (int)(source.Height * bottom));
        var cropped = new SKBitmap(new SKImageInfo(rect.Width, rect.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        if (!source.ExtractSubset(cropped, rect))
        {
            throw new InvalidOperationException("Skia could not crop the picture.");
        }

        return cropped.Copy();
    }

    /// <summary>new = contrast · (old − 128) + 128 + brightness, per channel, clamped.</summary>
    public static SKBitmap BrightnessContrast(SKBitmap source, int brightness, double contrast)
    {
        var adjusted = source.Copy();
        var pixels = adjusted.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i++)
        {
            if (i % 4 != 3)
            {
                pixels[i] = (byte)Math.Clamp((int)Math.Round((contrast * (pixels[i] - 128)) + 128 + brightness), 0, 255);
            }
        }

        return adjusted;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Skia could not encode {format}.");
        return data.ToArray();
    }

    /// <summary>Row-major RGB without padding, for the hand-written BMP and GIF writers.</summary>
    public static byte[] Rgb(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (var i = 0; i < bitmap.Width * bitmap.Height; i++)
        {
            rgb[i * 3] = pixels[i * 4];
            rgb[(i * 3) + 1] = pixels[(i * 4) + 1];
            rgb[(i * 3) + 2] = pixels[(i * 4) + 2];
        }

        return rgb;
    }

    private static SKColor RandomColor(Random random) =>
        new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
