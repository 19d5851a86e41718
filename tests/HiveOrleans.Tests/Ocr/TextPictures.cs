using HiveOrleans.Tests.Pdq;
using SkiaSharp;

namespace HiveOrleans.Tests.Ocr;

/// <summary>
/// Pictures with text drawn by Skia in DejaVu Sans Bold (Debian <c>fonts-dejavu-core</c>), in the layouts OCR meets:
/// plain, turned 5°, white on black, and a meme (white outlined capitals over a photo).
/// </summary>
public static class TextPictures
{
    public const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>A photo from the PDQ reference set when the shared data is here, else a generated scene.</summary>
    private const string PhotoPath = "/work/shared/data/pdq/dih/bridge-1-original.jpg";

    public enum Layout
    {
        Plain,
        Rotated5,
        WhiteOnBlack,
        Meme,
    }

    /// <summary>The layouts every recall test and the benchmark go through.</summary>
    public static readonly Layout[] All = [Layout.Plain, Layout.Rotated5, Layout.WhiteOnBlack, Layout.Meme];

    /// <summary>Draws <paramref name="lines"/> in <paramref name="layout"/> and returns the PNG.</summary>
    public static byte[] Png(Layout layout, IReadOnlyList<string> lines, int width = 1000, int height = 1000)
    {
        using var bitmap = Draw(layout, lines, width, height);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static SKBitmap Draw(Layout layout, IReadOnlyList<string> lines, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using var typeface = SKTypeface.FromFile(FontPath) ?? throw new InvalidOperationException($"{FontPath} is missing: install the Debian package fonts-dejavu-core.");
        var size = layout == Layout.Meme ? height / 12f : height / 16f;
        using var font = new SKFont(typeface, size);

        // Every line fits across the picture, as an editor would make it.
        var widest = lines.Count == 0 ? 0 : lines.Max(line => font.MeasureText(layout == Layout.Meme ? line.ToUpperInvariant() : line));
        if (widest > width * 0.92f)
        {
            size *= width * 0.92f / widest;
            font.Size = size;
        }

        using var fill = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        switch (layout)
        {
            case Layout.WhiteOnBlack:
                canvas.Clear(SKColors.Black);
                fill.Color = SKColors.White;
                break;
            case Layout.Meme:
                DrawPhoto(canvas, width, height);
                fill.Color = SKColors.White;
                break;
            default:
                canvas.Clear(SKColors.White);
                break;
        }

        if (layout == Layout.Rotated5)
        {
            canvas.RotateDegrees(5, width / 2f, height / 2f);
        }

        using var outline = new SKPaint { IsAntialias = true, Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = size / 10 };
        for (var i = 0; i < lines.Count; i++)
        {
            var text = layout == Layout.Meme ? lines[i].ToUpperInvariant() : lines[i];

            // A meme's first line at the top and the rest at the bottom; otherwise lines from the upper third down.
            var y = layout == Layout.Meme
                ? i == 0 ? size * 1.3f : height - (size * 1.5f * (lines.Count - i)) + size
                : (height / 3f) + (i * size * 1.6f);
            var x = width / 2f;
            if (layout == Layout.Meme)
            {
                canvas.DrawText(text, x, y, SKTextAlign.Center, font, outline);
            }

            canvas.DrawText(text, x, y, SKTextAlign.Center, font, fill);
        }

        return bitmap;
    }

    /// <summary>The words a reader should find in <paramref name="lines"/>, lower case, without punctuation.</summary>
    public static IReadOnlyList<string> Words(IEnumerable<string> lines) =>
        [.. lines.SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(Normalise).Where(w => w.Length > 0)];

    /// <summary>The share of <paramref name="expected"/> words present in <paramref name="found"/>.</summary>
    public static double Recall(IReadOnlyList<string> expected, IEnumerable<string> found)
    {
        var pool = found.Select(Normalise).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var hits = 0;
        foreach (var word in expected)
        {
            if (pool.TryGetValue(word, out var left) && left > 0)
            {
                pool[word] = left - 1;
                hits++;
            }
        }

        return expected.Count == 0 ? 1 : (double)hits / expected.Count;
    }

    private static string Normalise(string word) => new([.. word.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static void DrawPhoto(SKCanvas canvas, int width, int height)
    {
        using var photo = File.Exists(PhotoPath) ? SKBitmap.Decode(PhotoPath) : SyntheticImages.Scene(17, width, height);
        using var image = SKImage.FromBitmap(photo);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear));
    }
}
