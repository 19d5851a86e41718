using HiveOrleans.Moderation.Onnx;
using SkiaSharp;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>
/// The conformance set: the PDQ reference photos (shared/data/pdq, when present) as our decoder sees them, and
/// pictures drawn here: noise, flat colours, gradients, skin tones, drawings, odd sizes. Deterministic.
/// </summary>
internal static class ConformanceImages
{
    /// <summary>At least this many pictures: where the photos are missing, more drawings take their place.</summary>
    private const int AtLeast = 32;

    public static IEnumerable<(string Name, RgbImage Image)> All()
    {
        var photos = PdqPhotosFolder() is { } folder ? Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToArray() : [];
        foreach (var file in photos)
        {
            yield return ("photo-" + Path.GetFileNameWithoutExtension(file), RgbDecoder.Decode(File.ReadAllBytes(file)));
        }

        var random = new Random(16);
        yield return ("noise-224", Make(224, 224, (_, _) => (random.Next(256), random.Next(256), random.Next(256))));
        yield return ("noise-640x360", Make(640, 360, (_, _) => (random.Next(256), random.Next(256), random.Next(256))));
        yield return ("noise-grey-97x301", Make(97, 301, (_, _) =>
        {
            var v = random.Next(256);
            return (v, v, v);
        }));
        foreach (var (name, (r, g, b)) in new[] { ("black", (0, 0, 0)), ("white", (255, 255, 255)), ("red", (255, 0, 0)), ("skin", (224, 172, 105)), ("blue", (30, 60, 200)) })
        {
            yield return ("flat-" + name, Make(300, 200, (_, _) => (r, g, b)));
        }

        yield return ("gradient-grey", Make(512, 256, (x, _) => (x / 2.0, x / 2.0, x / 2.0)));
        yield return ("gradient-rgb", Make(256, 256, (x, y) => (x, y, 255 - x)));
        foreach (var (name, (r, g, b)) in new[] { ("light", (255.0, 219.0, 172.0)), ("mid", (198.0, 134.0, 66.0)), ("dark", (141.0, 85.0, 36.0)) })
        {
            yield return ("skin-gradient-" + name, Make(400, 600, (x, y) =>
            {
                var k = 0.6 + (0.4 * Math.Sin(x / 60.0) * Math.Cos(y / 90.0));
                return (r * k, g * k, b * k);
            }));
        }

        yield return ("skin-blob", Make(480, 640, (x, y) =>
        {
            double dx = (x - 240) / 150.0, dy = (y - 320) / 220.0;
            var k = Math.Exp(-((dx * dx) + (dy * dy)));
            return ((230 * k) + 20, (170 * k) + 20, (130 * k) + 30);
        }));
        yield return ("checker", Make(224, 224, (x, y) => ((x / 16) + (y / 16)) % 2 == 0 ? (255, 255, 255) : (0, 0, 0)));
        yield return ("stripes-225x223", Make(225, 223, (x, _) => x % 2 == 0 ? (255, 255, 255) : (0, 0, 0)));
        yield return ("tiny-3x2", Make(3, 2, (x, y) => (x * 100, y * 200, 50)));
        for (var k = 0; k < Math.Max(7, AtLeast - photos.Length - Drawn); k++)
        {
            yield return ($"drawing-{k}", Drawing(random, 320 + (40 * k), 240 + (30 * k)));
        }
    }

    /// <summary>How many pictures other than photos and drawings <see cref="All"/> makes.</summary>
    private const int Drawn = 17;

    /// <summary>shared/data/pdq/dih, found above the test's folder, or null on a machine without it.</summary>
    public static string? PdqPhotosFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "pdq", "dih");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A binary PPM (P6) of the picture: what the Node reference reads, so both sides see the same samples.</summary>
    public static void WritePpm(string path, RgbImage image)
    {
        using var file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{image.Width} {image.Height}\n255\n"));
        file.Write(image.Pixels);
    }

    private static RgbImage Make(int width, int height, Func<int, int, (double R, double G, double B)> colour)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = colour(x, y);
                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)Math.Clamp(r, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp(g, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(b, 0, 255);
            }
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>A flat-coloured "drawing" of shapes and strokes, rendered by Skia, then encoded as PNG and decoded as an upload would be.</summary>
    public static RgbImage Drawing(Random random, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)random.Next(200, 256), (byte)random.Next(200, 256), (byte)random.Next(200, 256)));
            using var paint = new SKPaint { IsAntialias = true, StrokeWidth = 4 };
            for (var i = 0; i < 12; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                paint.Style = i % 2 == 0 ? SKPaintStyle.Fill : SKPaintStyle.Stroke;
                switch (i % 3)
                {
                    case 0:
                        canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(10, 80), paint);
                        break;
                    case 1:
                        canvas.DrawRect(random.Next(width), random.Next(height), random.Next(20, 150), random.Next(20, 150), paint);
                        break;
                    default:
                        canvas.DrawLine(random.Next(width), random.Next(height), random.Next(width), random.Next(height), paint);
                        break;
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return RgbDecoder.Decode(png.AsSpan());
    }
}
