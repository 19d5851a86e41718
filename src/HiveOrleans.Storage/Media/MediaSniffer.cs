using System.Buffers.Binary;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// Names a file's format from its first bytes by magic numbers alone, before anything tries to decode it: the
/// extension and the uploader's Content-Type are claims, the signature is what a decoder will actually see.
/// </summary>
public static class MediaSniffer
{
    /// <summary>
    /// How many leading bytes the sniffer looks at; pass this many (or the whole file if it is shorter).
    /// 512 rather than a few dozen because an MPEG transport stream is only recognisable by the sync byte
    /// repeating every 188 bytes (every 192 in Blu-ray's M2TS), and we want three packets of evidence.
    /// </summary>
    public const int HeaderLength = 512;

    private const int TsPacket = 188;
    private const int M2tsPacket = 192;

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> EbmlSignature => [0x1A, 0x45, 0xDF, 0xA3];

    private static ReadOnlySpan<byte> DocTypeElementId => [0x42, 0x82];

    private static ReadOnlySpan<byte> FlvSignature => [(byte)'F', (byte)'L', (byte)'V', 0x01];

    private static ReadOnlySpan<byte> AsfHeaderGuid =>
        [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C];

    private static ReadOnlySpan<byte> MpegPackHeader => [0x00, 0x00, 0x01, 0xBA];

    private static ReadOnlySpan<byte> MpegSequenceHeader => [0x00, 0x00, 0x01, 0xB3];

    private static ReadOnlySpan<byte> TheoraIdentification => [0x80, (byte)'t', (byte)'h', (byte)'e', (byte)'o', (byte)'r', (byte)'a'];

    private static ReadOnlySpan<byte> VorbisIdentification => [0x01, (byte)'v', (byte)'o', (byte)'r', (byte)'b', (byte)'i', (byte)'s'];

    private static ReadOnlySpan<byte> OggFlacIdentification => [0x7F, (byte)'F', (byte)'L', (byte)'A', (byte)'C'];

    /// <summary>
    /// The format of a file starting with <paramref name="header"/>, or <see cref="MediaFormat.Unknown"/>.
    /// Bytes past <see cref="HeaderLength"/> are ignored, so the answer does not depend on how much the caller read.
    /// </summary>
    public static MediaFormat Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length > HeaderLength)
        {
            header = header[..HeaderLength];
        }

        return SniffImage(header)
            ?? SniffContainer(header)
            ?? SniffBareStream(header)
            ?? MediaFormat.Unknown;
    }

    private static MediaFormat? SniffImage(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(JpegSignature))
        {
            return MediaFormats.Jpeg;
        }

        if (header.StartsWith(PngSignature))
        {
            return MediaFormats.Png;
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return MediaFormats.Gif;
        }

        // Little- and big-endian TIFF, then BigTIFF (43 instead of 42).
        if (header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8) || header.StartsWith("II+\0"u8) || header.StartsWith("MM\0+"u8))
        {
            return MediaFormats.Tiff;
        }

        return IsBmp(header) ? MediaFormats.Bmp : null;
    }

    // "BM" alone starts too much text ("BMW…"), so the DIB header's size field must be one of the sizes the
    // format revisions define.
    private static bool IsBmp(ReadOnlySpan<byte> header)
    {
        if (header.Length < 18 || !header.StartsWith("BM"u8))
        {
            return false;
        }

        var dibHeaderSize = BinaryPrimitives.ReadUInt32LittleEndian(header[14..]);
        return dibHeaderSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static MediaFormat? SniffContainer(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12 && (header.StartsWith("RIFF"u8) || header.StartsWith("RF64"u8) || header.StartsWith("BW64"u8)))
        {
            var form = header[8..12];
            if (form.SequenceEqual("WAVE"u8))
            {
                return MediaFormats.Wav;
            }

            if (header.StartsWith("RIFF"u8))
            {
                if (form.SequenceEqual("WEBP"u8))
                {
                    return MediaFormats.WebP;
                }

                if (form.SequenceEqual("AVI "u8))
                {
                    return MediaFormats.Avi;
                }
            }

            return null;
        }

        if (header.Length >= 12 && header.StartsWith("FORM"u8) && (header[8..12].SequenceEqual("AIFF"u8) || header[8..12].SequenceEqual("AIFC"u8)))
        {
            return MediaFormats.Aiff;
        }

        if (header.StartsWith(EbmlSignature))
        {
            return MatroskaDocType(header);
        }

        if (header.StartsWith("OggS\0"u8))
        {
            return OggFirstStream(header);
        }

        if (header.StartsWith(FlvSignature))
        {
            return MediaFormats.Flv;
        }

        if (header.StartsWith(AsfHeaderGuid))
        {
            return MediaFormats.Asf;
        }

        if (header.StartsWith(MpegPackHeader))
        {
            return MediaFormats.MpegPs;
        }

        if (header.StartsWith(MpegSequenceHeader))
        {
            return MediaFormats.MpegVideo;
        }

        if (IsTransportStream(header, 0, TsPacket) || IsTransportStream(header, 4, M2tsPacket))
        {
            return MediaFormats.MpegTs;
        }

        return IsoMediaBrands.Sniff(header);
    }

    private static bool IsTransportStream(ReadOnlySpan<byte> header, int first, int packet)
    {
        for (var i = 0; i < 3; i++)
        {
            var at = first + (i * packet);
            if (at >= header.Length || header[at] != 0x47)
            {
                return false;
            }
        }

        return true;
    }

    // The EBML header's DocType element (ID 0x4282) says "webm" or "matroska"; both are the same container to
    // a decoder, so a header we cannot read is still Matroska.
    private static MediaFormat MatroskaDocType(ReadOnlySpan<byte> header)
    {
        var at = header.IndexOf(DocTypeElementId);
        if (at >= 0 && at + 3 <= header.Length && (header[at + 2] & 0x80) != 0)
        {
            var length = header[at + 2] & 0x7F;
            var start = at + 3;
            if (start + length <= header.Length && header.Slice(start, length).SequenceEqual("webm"u8))
            {
                return MatroskaTracks.AudioOnly(header) ? MediaFormats.WebMAudio : MediaFormats.WebM;
            }
        }

        return MatroskaTracks.AudioOnly(header) ? MediaFormats.MatroskaAudio : MediaFormats.Matroska;
    }

    // The first page of an Ogg file carries the first stream's identification packet, which names its codec.
    // A page header is 27 bytes plus one lacing byte per segment.
    private static MediaFormat OggFirstStream(ReadOnlySpan<byte> header)
    {
        if (header.Length < 27)
        {
            return MediaFormats.Ogg;
        }

        var start = 27 + header[26];
        if (start >= header.Length)
        {
            return MediaFormats.Ogg;
        }

        var packet = header[start..];
        if (packet.StartsWith(TheoraIdentification))
        {
            return MediaFormats.OggTheora;
        }

        if (packet.StartsWith("fishead\0"u8))
        {
            return MediaFormats.OggSkeleton;
        }

        if (packet.StartsWith(VorbisIdentification))
        {
            return MediaFormats.OggVorbis;
        }

        if (packet.StartsWith("OpusHead"u8))
        {
            return MediaFormats.OggOpus;
        }

        if (packet.StartsWith(OggFlacIdentification))
        {
            return MediaFormats.OggFlac;
        }

        return packet.StartsWith("Speex   "u8) ? MediaFormats.OggSpeex : MediaFormats.Ogg;
    }

    // Formats with no container: a tag or a frame header is all there is.
    private static MediaFormat? SniffBareStream(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("fLaC"u8))
        {
            return MediaFormats.Flac;
        }

        if (header.StartsWith("#!AMR\n"u8))
        {
            return MediaFormats.Amr;
        }

        if (header.StartsWith("#!AMR-WB\n"u8))
        {
            return MediaFormats.AmrWideband;
        }

        // An ID3v2 tag: major version 2–4, then a "syncsafe" size whose bytes never have the top bit set.
        // The tag can front other codecs too, but in practice it is MP3.
        if (header.Length >= 10 && header.StartsWith("ID3"u8) && header[3] is >= 2 and <= 4 && header[4] != 0xFF
            && ((header[6] | header[7] | header[8] | header[9]) & 0x80) == 0)
        {
            return MediaFormats.Mp3;
        }

        return MpegAudioFrame.Sniff(header);
    }
}
