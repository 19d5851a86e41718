namespace HiveOrleans.Tests.Pdq;

/// <summary>
/// Minimal BMP and GIF writers: Skia decodes both formats but encodes neither, and the hasher must read them.
/// </summary>
internal static class LegacyFormatWriter
{
    /// <summary>An uncompressed 24-bit bottom-up BMP.</summary>
    public static byte[] Bmp(byte[] rgb, int width, int height)
    {
        var rowBytes = ((width * 3) + 3) & ~3;
        var pixelBytes = rowBytes * height;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((byte)'B');
        writer.Write((byte)'M');
        writer.Write(54 + pixelBytes);
        writer.Write(0);
        writer.Write(54);
        writer.Write(40);
        writer.Write(width);
        writer.Write(height);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(0);
        writer.Write(pixelBytes);
        writer.Write(2835);
        writer.Write(2835);
        writer.Write(0);
        writer.Write(0);
        var row = new byte[rowBytes];
        for (var y = height - 1; y >= 0; y--)
        {
            for (var x = 0; x < width; x++)
            {
                var at = ((y * width) + x) * 3;
                row[x * 3] = rgb[at + 2];
                row[(x * 3) + 1] = rgb[at + 1];
                row[(x * 3) + 2] = rgb[at];
            }

            writer.Write(row);
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// A GIF with a 256-grey palette, one frame per luma plane. The LZW stream sends only literal codes and
    /// a clear code every 250 of them, so the code width stays at 9 bits and no dictionary is needed.
    /// </summary>
    public static byte[] GreyGif(int width, int height, params byte[][] frames)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("GIF89a"u8);
        writer.Write((short)width);
        writer.Write((short)height);
        writer.Write((byte)0xF7);
        writer.Write((byte)0);
        writer.Write((byte)0);
        for (var grey = 0; grey < 256; grey++)
        {
            writer.Write((byte)grey);
            writer.Write((byte)grey);
            writer.Write((byte)grey);
        }

        foreach (var frame in frames)
        {
            writer.Write([0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]);
            writer.Write((byte)0x2C);
            writer.Write((short)0);
            writer.Write((short)0);
            writer.Write((short)width);
            writer.Write((short)height);
            writer.Write((byte)0);
            writer.Write((byte)8);
            var lzw = LiteralLzw(frame);
            for (var offset = 0; offset < lzw.Length; offset += 255)
            {
                var length = Math.Min(255, lzw.Length - offset);
                writer.Write((byte)length);
                writer.Write(lzw, offset, length);
            }

            writer.Write((byte)0);
        }

        writer.Write((byte)0x3B);
        writer.Flush();
        return stream.ToArray();
    }

    private static byte[] LiteralLzw(byte[] indices)
    {
        const int Clear = 256;
        const int End = 257;
        var output = new List<byte>();
        var buffer = 0;
        var bits = 0;

        void Emit(int code)
        {
            buffer |= code << bits;
            bits += 9;
            while (bits >= 8)
            {
                output.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }

        for (var i = 0; i < indices.Length; i++)
        {
            if (i % 250 == 0)
            {
                Emit(Clear);
            }

            Emit(indices[i]);
        }

        Emit(End);
        if (bits > 0)
        {
            output.Add((byte)buffer);
        }

        return [.. output];
    }
}
