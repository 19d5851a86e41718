using HiveOrleans.Moderation.Pdq;
using SkiaSharp;

namespace HiveOrleans.Moderation.Media;

/// <summary>Reads an image's size from its header with Skia, without decoding any pixels.</summary>
public static class ImageProbe
{
    /// <exception cref="UnsupportedImageException">The file is not an image Skia can read.</exception>
    public static ImageDimensions Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        return Read(file);
    }

    /// <summary>Reads from the stream's current position; the stream is left open.</summary>
    /// <exception cref="UnsupportedImageException">The bytes are not an image Skia can read.</exception>
    public static ImageDimensions Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var managed = new SKManagedStream(stream, disposeManagedStream: false);
        using var codec = SKCodec.Create(managed)
            ?? throw new UnsupportedImageException("The bytes are not a readable image (expected JPEG, PNG, GIF, WebP or BMP).");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new UnsupportedImageException("The image has no pixels.");
        }

        return new ImageDimensions(info.Width, info.Height, Math.Max(1, codec.FrameCount));
    }
}
