namespace HiveOrleans.Moderation.Media;

/// <summary>What a GIF's block structure declares, read without decoding any picture data.</summary>
/// <param name="Width">The logical screen's width: every frame ffmpeg decodes is this wide.</param>
/// <param name="Height">The logical screen's height.</param>
/// <param name="Frames">Image descriptors seen before the trailer (or the end of the bytes).</param>
public sealed record GifStructure(int Width, int Height, int Frames)
{
    /// <summary>Pixels ffmpeg composes to decode every frame: each one is drawn onto the whole logical screen.</summary>
    public long DecodedPixels => (long)Width * Height * Frames;

    /// <summary>
    /// Walks the blocks of a GIF (header, screen descriptor, colour tables, extensions, image descriptors with their
    /// LZW data skipped sub-block by sub-block) and counts the frames. Reading stops at the trailer, at the end of the
    /// stream (a truncated GIF still shows the frames it has) or after <paramref name="stopAfterFrames"/> frames.
    /// </summary>
    /// <exception cref="MediaDecodeException">The bytes are not a GIF, or a block is not one GIF defines.</exception>
    public static GifStructure Read(Stream stream, int stopAfterFrames = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new BlockReader(stream);
        Span<byte> header = stackalloc byte[13];
        if (!reader.TryRead(header) || !header[..3].SequenceEqual("GIF"u8))
        {
            throw new MediaDecodeException("The file is not a GIF.");
        }

        var width = header[6] | (header[7] << 8);
        var height = header[8] | (header[9] << 8);
        reader.SkipColourTable(header[10]);

        var frames = 0;
        Span<byte> descriptor = stackalloc byte[9];
        while (frames < stopAfterFrames && reader.TryReadByte(out var introducer))
        {
            switch (introducer)
            {
                case 0x3B: // trailer
                    return new GifStructure(width, height, frames);
                case 0x21: // extension: a label, then sub-blocks
                    if (!reader.TryReadByte(out _) || !reader.TrySkipSubBlocks())
                    {
                        return new GifStructure(width, height, frames);
                    }

                    break;
                case 0x2C: // image descriptor: position and size, a local colour table, the LZW code size, sub-blocks
                    if (!reader.TryRead(descriptor))
                    {
                        return new GifStructure(width, height, frames);
                    }

                    frames++;
                    reader.SkipColourTable(descriptor[8]);
                    if (!reader.TryReadByte(out _) || !reader.TrySkipSubBlocks())
                    {
                        return new GifStructure(width, height, frames);
                    }

                    break;
                default:
                    throw new MediaDecodeException($"The GIF has a block GIF does not define (0x{introducer:X2}).");
            }
        }

        return new GifStructure(width, height, frames);
    }

    private sealed class BlockReader(Stream stream)
    {
        public bool TryRead(Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

        public bool TryReadByte(out byte value)
        {
            var read = stream.ReadByte();
            value = (byte)read;
            return read >= 0;
        }

        /// <summary>Skips the colour table a screen or image descriptor's packed byte announces.</summary>
        public void SkipColourTable(byte packed)
        {
            if ((packed & 0x80) != 0)
            {
                Skip(3 << ((packed & 0x07) + 1));
            }
        }

        /// <summary>Skips sub-blocks up to the empty one that ends them; false when the bytes end first.</summary>
        public bool TrySkipSubBlocks()
        {
            while (TryReadByte(out var length))
            {
                if (length == 0)
                {
                    return true;
                }

                Skip(length);
            }

            return false;
        }

        private void Skip(int count)
        {
            if (stream.CanSeek)
            {
                stream.Seek(count, SeekOrigin.Current);
                return;
            }

            Span<byte> sink = stackalloc byte[256];
            while (count > 0)
            {
                var read = stream.Read(sink[..Math.Min(count, sink.Length)]);
                if (read == 0)
                {
                    return;
                }

                count -= read;
            }
        }
    }
}
