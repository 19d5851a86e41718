using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Storage.Media;
using SkiaSharp;

namespace HiveOrleans.Bench;

/// <summary>
/// JPEGs of exactly <see cref="FileLength"/> bytes for the uploads phase: a few base pictures drawn once, each
/// padded with comment (COM) segments to the full length, and stamped per upload in a comment reserved for it, so
/// every upload's bytes differ (the media store is content-addressed and would keep a repeat only once) while only
/// the base pictures are held in memory.
/// </summary>
internal sealed class UploadImages
{
    /// <summary>1 MiB: the size of every upload.</summary>
    public const int FileLength = 1024 * 1024;

    /// <summary>Run id (16 bytes) then the upload's sequence number (8 bytes, little-endian).</summary>
    private const int StampLength = 24;

    // 1.92 megapixels, a phone photo as a messaging app sends it; noisy enough that the picture itself is most of the
    // megabyte at the quality chosen below, so decoding does the work a real photo of that size would.
    private const int Width = 1600;
    private const int Height = 1200;

    private const int CommentMarker = 0xFE;
    private const int MaxSegmentLength = 0xFFFF;

    private readonly byte[][] _bases;
    private readonly int _stampOffset;
    private readonly Guid _run = Guid.NewGuid();

    private UploadImages(byte[][] bases, int stampOffset, string description)
    {
        _bases = bases;
        _stampOffset = stampOffset;
        Description = description;
    }

    /// <summary>What was generated, for the log.</summary>
    public string Description { get; }

    /// <summary>
    /// Draws <paramref name="count"/> different pictures and checks that the first, stamped, is a JPEG by the
    /// gateway's sniffer and decodes for PDQ.
    /// </summary>
    public static UploadImages Generate(int count)
    {
        var clock = Stopwatch.StartNew();
        var bases = new byte[count][];
        var quality = 95;
        var pictureBytes = new List<int>(count);
        var stampOffset = -1;
        for (var i = 0; i < count; i++)
        {
            using var picture = Picture(seed: i);
            byte[] encoded;
            while ((encoded = Encode(picture, quality)).Length > FileLength - (4 + StampLength) - 4)
            {
                quality -= 2;
            }

            pictureBytes.Add(encoded.Length);
            (bases[i], var offset) = Pad(encoded);
            stampOffset = stampOffset < 0 || stampOffset == offset
                ? offset
                : throw new InvalidOperationException("Skia's JPEG headers differ in length between pictures.");
        }

        var images = new UploadImages(bases, stampOffset, string.Create(CultureInfo.InvariantCulture,
            $"{count} base JPEGs {Width}×{Height}, quality down to {quality}, picture {pictureBytes.Min() / 1024}–{pictureBytes.Max() / 1024} KiB padded with comments to {FileLength / 1024} KiB, made in {clock.Elapsed.TotalSeconds:0.0} s"));
        var sample = images.Stamp(0);
        if (MediaSniffer.Sniff(sample).MimeType != "image/jpeg")
        {
            throw new InvalidOperationException("The stamped upload does not sniff as a JPEG.");
        }

        PdqHasher.Hash(sample);
        return images;
    }

    /// <summary>The body of upload <paramref name="sequence"/>: a base picture with its own stamp, written without a copy of the file.</summary>
    public HttpContent Content(long sequence) =>
        new StampedContent(_bases[(int)(sequence % _bases.Length)], _stampOffset, StampFor(sequence));

    private byte[] Stamp(long sequence)
    {
        var file = (byte[])_bases[(int)(sequence % _bases.Length)].Clone();
        StampFor(sequence).CopyTo(file, _stampOffset);
        return file;
    }

    private byte[] StampFor(long sequence)
    {
        var stamp = new byte[StampLength];
        _run.TryWriteBytes(stamp);
        BinaryPrimitives.WriteInt64LittleEndian(stamp.AsSpan(16), sequence);
        return stamp;
    }

    /// <summary>A gradient, a few dozen shapes, and per-pixel noise (which keeps the JPEG near a megabyte).</summary>
    private static SKBitmap Picture(int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { IsAntialias = true };
            paint.Shader = SKShader.CreateLinearGradient(
                new SKPoint(random.Next(Width), 0), new SKPoint(random.Next(Width), Height), [Colour(random), Colour(random), Colour(random)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, paint);
            paint.Shader = null;
            for (var i = 0; i < 40; i++)
            {
                paint.Color = Colour(random);
                canvas.DrawCircle(random.Next(Width), random.Next(Height), random.Next(10, 200), paint);
            }
        }

        var pixels = bitmap.GetPixelSpan();
        var noise = new byte[pixels.Length];
        random.NextBytes(noise);
        for (var i = 0; i < pixels.Length; i++)
        {
            if (i % 4 != 3)
            {
                pixels[i] = (byte)Math.Clamp(pixels[i] + ((noise[i] - 128) >> 3), 0, 255);
            }
        }

        return bitmap;
    }

    private static SKColor Colour(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    private static byte[] Encode(SKBitmap bitmap, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>
    /// Inserts, after SOI and the JFIF APP0 segment, a comment for the stamp and then comments filling the file to
    /// <see cref="FileLength"/>; returns the file and where the stamp goes.
    /// </summary>
    private static (byte[] File, int StampOffset) Pad(byte[] encoded)
    {
        var at = 2;
        if (encoded[2] == 0xFF && encoded[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(encoded.AsSpan(4));
        }

        // Generate keeps the picture small enough to leave at least 4 bytes here, the smallest segment.
        var padding = FileLength - encoded.Length - (4 + StampLength);
        var file = new byte[FileLength];
        encoded.AsSpan(0, at).CopyTo(file);
        var write = WriteComment(file, at, StampLength);
        var stampOffset = at + 4;
        var segments = (padding + MaxSegmentLength + 1) / (MaxSegmentLength + 2);
        for (var i = 0; i < segments; i++)
        {
            // Even shares, each within one segment's limits.
            var share = (padding / segments) + (i < padding % segments ? 1 : 0);
            write = WriteComment(file, write, share - 4);
        }

        encoded.AsSpan(at).CopyTo(file.AsSpan(write));
        return write + encoded.Length - at == FileLength
            ? (file, stampOffset)
            : throw new InvalidOperationException("The padded JPEG came out at the wrong length.");
    }

    private static int WriteComment(byte[] file, int at, int payload)
    {
        file[at] = 0xFF;
        file[at + 1] = CommentMarker;
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at + 2), (ushort)(payload + 2));
        // The payload stays zero: a comment's bytes mean nothing to a decoder.
        return at + 4 + payload;
    }

    /// <summary>One upload's bytes: the base file with the stamp in place, streamed as three slices.</summary>
    private sealed class StampedContent(byte[] file, int stampOffset, byte[] stamp) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(file.AsMemory(0, stampOffset), cancellationToken);
            await stream.WriteAsync(stamp, cancellationToken);
            await stream.WriteAsync(file.AsMemory(stampOffset + stamp.Length), cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = file.Length;
            return true;
        }
    }
}
