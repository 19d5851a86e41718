using System.Text;
using HiveOrleans.Moderation.Onnx;
using SkiaSharp;

namespace HiveOrleans.Moderation.Ocr;

/// <summary>
/// A picture made ready for tesseract: grey, enlarged, thresholded or inverted as <see cref="OcrPreprocessing"/>
/// says, and written as a binary PGM (which tesseract's image library reads from stdin with no codec work).
/// </summary>
public sealed class OcrPicture
{
    private const int MaxUpscale = 3;

    // What each pixel is to the outlined-text mask.
    private const byte Other = 0;
    private const byte Bright = 1;
    private const byte Dark = 2;

    private OcrPicture(byte[] pgm, double scale)
    {
        Pgm = pgm;
        Scale = scale;
    }

    /// <summary>The PGM file's bytes.</summary>
    public byte[] Pgm { get; }

    /// <summary>How much larger than the source the picture is: tesseract's boxes are divided by it.</summary>
    public double Scale { get; }

    public static OcrPicture From(RgbImage image, OcrPreprocessing steps)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(steps);
        var grey = new byte[image.Width * image.Height];
        var rgb = image.Pixels;
        long sum = 0;
        for (int i = 0, p = 0; i < grey.Length; i++, p += 3)
        {
            // BT.601 luma in integers.
            var luma = (byte)(((299 * rgb[p]) + (587 * rgb[p + 1]) + (114 * rgb[p + 2]) + 500) / 1000);
            grey[i] = luma;
            sum += luma;
        }

        if (steps.BrightTextMask)
        {
            grey = OutlinedText(image);
        }

        var width = image.Width;
        var height = image.Height;
        var longer = Math.Max(width, height);
        var scale = 1.0;
        if (steps.UpscaleBelow > 0 && longer < steps.UpscaleBelow)
        {
            scale = Math.Min(MaxUpscale, (double)steps.UpscaleBelow / longer);
            (grey, width, height) = Resize(grey, width, height, scale);
        }

        if (steps.InvertDark && sum < 128L * image.Width * image.Height)
        {
            for (var i = 0; i < grey.Length; i++)
            {
                grey[i] = (byte)(255 - grey[i]);
            }
        }

        if (steps.Binarise)
        {
            var level = OtsuLevel(grey);
            for (var i = 0; i < grey.Length; i++)
            {
                grey[i] = grey[i] > level ? (byte)255 : (byte)0;
            }
        }

        var header = Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n");
        var pgm = new byte[header.Length + grey.Length];
        header.CopyTo(pgm, 0);
        grey.CopyTo(pgm, header.Length);
        return new OcrPicture(pgm, (double)width / image.Width);
    }

    /// <summary>The share of <paramref name="image"/>'s pixels that <see cref="OcrPreprocessing.BrightTextMask"/> keeps as ink.</summary>
    public static double BrightInkShare(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rgb = image.Pixels;
        long ink = 0;
        for (var p = 0; p < rgb.Length; p += 3)
        {
            ink += IsBrightInk(rgb[p], rgb[p + 1], rgb[p + 2]) ? 1 : 0;
        }

        return (double)ink / (image.Width * image.Height);
    }

    /// <summary>
    /// Black where a near-white pixel lies between dark pixels, left and right or above and below, within a stroke's
    /// reach (the dark outline around a meme's white letters), white elsewhere: the sky and other bright parts of the
    /// photo have no outline and drop out.
    /// </summary>
    private static byte[] OutlinedText(RgbImage image)
    {
        int width = image.Width, height = image.Height;
        var rgb = image.Pixels;
        var kind = new byte[width * height];
        for (int i = 0, p = 0; i < kind.Length; i++, p += 3)
        {
            kind[i] = IsBrightInk(rgb[p], rgb[p + 1], rgb[p + 2]) ? Bright
                : Math.Max(rgb[p], Math.Max(rgb[p + 1], rgb[p + 2])) < 70 ? Dark
                : Other;
        }

        var reach = Math.Max(8, Math.Max(width, height) / 40);
        var mask = new byte[kind.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width) + x;
                var enclosed = kind[i] == Bright
                    && ((Reaches(kind, i, -1, Math.Min(reach, x)) && Reaches(kind, i, 1, Math.Min(reach, width - 1 - x)))
                        || (Reaches(kind, i, -width, Math.Min(reach, y)) && Reaches(kind, i, width, Math.Min(reach, height - 1 - y))));
                mask[i] = enclosed ? (byte)0 : (byte)255;
            }
        }

        return mask;
    }

    /// <summary>Whether a dark pixel comes within <paramref name="steps"/> along <paramref name="stride"/>, through bright ones and a few blended edge pixels.</summary>
    private static bool Reaches(byte[] kind, int from, int stride, int steps)
    {
        const int MaxEdgePixels = 4;
        var edge = 0;
        for (int k = 1, j = from + stride; k <= steps; k++, j += stride)
        {
            switch (kind[j])
            {
                case Dark:
                    return true;
                case Other when ++edge > MaxEdgePixels:
                    return false;
            }
        }

        return false;
    }

    private static bool IsBrightInk(byte r, byte g, byte b)
    {
        var low = Math.Min(r, Math.Min(g, b));
        var high = Math.Max(r, Math.Max(g, b));
        return low > 200 && high - low < 40;
    }

    private static (byte[] Grey, int Width, int Height) Resize(byte[] grey, int width, int height, double scale)
    {
        var newWidth = Math.Max(1, (int)Math.Round(width * scale));
        var newHeight = Math.Max(1, (int)Math.Round(height * scale));
        using var source = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        grey.CopyTo(source.GetPixelSpan());
        using var target = new SKBitmap(new SKImageInfo(newWidth, newHeight, SKColorType.Gray8, SKAlphaType.Opaque));
        if (!source.ScalePixels(target, new SKSamplingOptions(SKCubicResampler.Mitchell)))
        {
            return (grey, width, height);
        }

        var result = new byte[newWidth * newHeight];
        var span = target.GetPixelSpan();
        var rowBytes = target.RowBytes;
        for (var y = 0; y < newHeight; y++)
        {
            span.Slice(y * rowBytes, newWidth).CopyTo(result.AsSpan(y * newWidth, newWidth));
        }

        return (result, newWidth, newHeight);
    }

    private static int OtsuLevel(byte[] grey)
    {
        Span<long> histogram = stackalloc long[256];
        foreach (var value in grey)
        {
            histogram[value]++;
        }

        double total = grey.Length, sumAll = 0;
        for (var i = 0; i < 256; i++)
        {
            sumAll += i * (double)histogram[i];
        }

        double below = 0, sumBelow = 0, best = -1;
        var level = 127;
        for (var t = 0; t < 256; t++)
        {
            below += histogram[t];
            if (below == 0 || below == total)
            {
                continue;
            }

            sumBelow += t * (double)histogram[t];
            var meanBelow = sumBelow / below;
            var meanAbove = (sumAll - sumBelow) / (total - below);
            var between = below * (total - below) * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best)
            {
                best = between;
                level = t;
            }
        }

        return level;
    }
}
