using System.Buffers.Binary;
using System.Text;
using HiveOrleans.Storage.Media;

namespace HiveOrleans.Tests.Media;

public sealed class SnifferTests
{
    public static TheoryData<string, byte[], MediaKind, string, string> Signatures => new()
    {
        { "JPEG/JFIF", Of(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, "JFIF\0"), MediaKind.Image, "image/jpeg", "JPEG" },
        { "JPEG/Exif", Of(0xFF, 0xD8, 0xFF, 0xE1, 0x12, 0x34, "Exif\0\0"), MediaKind.Image, "image/jpeg", "JPEG" },
        { "PNG", Of(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, "IHDR"), MediaKind.Image, "image/png", "PNG" },
        { "GIF87a", Of("GIF87a", 0x40, 0x01, 0xF0, 0x00), MediaKind.Gif, "image/gif", "GIF" },
        { "GIF89a", Of("GIF89a", 0x40, 0x01, 0xF0, 0x00), MediaKind.Gif, "image/gif", "GIF" },
        { "WebP", Riff("WEBP", "VP8 "), MediaKind.Image, "image/webp", "WebP" },
        { "BMP v3", Bmp(40), MediaKind.Image, "image/bmp", "BMP" },
        { "BMP v5", Bmp(124), MediaKind.Image, "image/bmp", "BMP" },
        { "BMP OS/2", Bmp(12), MediaKind.Image, "image/bmp", "BMP" },
        { "TIFF little-endian", Of("II*\0", 8, 0, 0, 0), MediaKind.Image, "image/tiff", "TIFF" },
        { "TIFF big-endian", Of("MM\0*", 0, 0, 0, 8), MediaKind.Image, "image/tiff", "TIFF" },
        { "BigTIFF", Of("II+\0", 8, 0, 0, 0), MediaKind.Image, "image/tiff", "TIFF" },
        { "HEIC", Ftyp("heic", "mif1", "heic"), MediaKind.Image, "image/heic", "HEIC" },
        { "AVIF", Ftyp("avif", "avif", "mif1", "miaf"), MediaKind.Image, "image/avif", "AVIF" },
        { "HEIF mif1 naming AVIF", Ftyp("mif1", "mif1", "avif"), MediaKind.Image, "image/avif", "AVIF" },
        { "HEIF mif1 naming HEIC", Ftyp("mif1", "mif1", "heic"), MediaKind.Image, "image/heic", "HEIC" },
        { "HEIF mif1 alone", Ftyp("mif1", "mif1"), MediaKind.Image, "image/heif", "HEIF" },
        { "MP4 isom", Ftyp("isom", "isom", "iso2", "avc1", "mp41"), MediaKind.Video, "video/mp4", "MP4" },
        { "MP4 mp42", Ftyp("mp42", "mp42", "isom"), MediaKind.Video, "video/mp4", "MP4" },
        { "MP4 dash", Ftyp("dash", "iso6", "mp41"), MediaKind.Video, "video/mp4", "MP4" },
        { "MP4 unknown vendor brand", Ftyp("XAVC", "XAVC", "mp42"), MediaKind.Video, "video/mp4", "MP4" },
        { "QuickTime ftyp", Ftyp("qt  ", "qt  "), MediaKind.Video, "video/quicktime", "QuickTime" },
        { "QuickTime wide atom", Of(0, 0, 0, 8, "wide", 0, 0, 0, 0, "mdat"), MediaKind.Video, "video/quicktime", "QuickTime" },
        { "QuickTime moov first", Of(0, 0, 0x12, 0x34, "moov", 0, 0, 0, 0x6C, "mvhd"), MediaKind.Video, "video/quicktime", "QuickTime" },
        { "M4V", Ftyp("M4V ", "M4V ", "M4A ", "mp42", "isom"), MediaKind.Video, "video/x-m4v", "M4V" },
        { "3GP", Ftyp("3gp5", "3gp5", "isom"), MediaKind.Video, "video/3gpp", "3GP" },
        { "3GP4", Ftyp("3gp4", "isom", "3gp4"), MediaKind.Video, "video/3gpp", "3GP" },
        { "3G2", Ftyp("3g2a", "3g2a"), MediaKind.Video, "video/3gpp2", "3G2" },
        { "M4A", Ftyp("M4A ", "M4A ", "mp42", "isom"), MediaKind.Audio, "audio/mp4", "M4A" },
        { "M4B audiobook", Ftyp("M4B ", "M4B ", "mp42"), MediaKind.Audio, "audio/mp4", "M4A" },
        { "F4A", Ftyp("F4A ", "F4A "), MediaKind.Audio, "audio/mp4", "M4A" },
        { "WebM", Ebml("webm"), MediaKind.Video, "video/webm", "WebM" },
        { "Matroska", Ebml("matroska"), MediaKind.Video, "video/x-matroska", "Matroska" },
        { "EBML without a DocType", Of(0x1A, 0x45, 0xDF, 0xA3, 0x80), MediaKind.Video, "video/x-matroska", "Matroska" },
        { "AVI", Riff("AVI ", "LIST"), MediaKind.Video, "video/x-msvideo", "AVI" },
        { "MPEG-TS", TransportStream(0, 188), MediaKind.Video, "video/mp2t", "MPEG-TS" },
        { "M2TS", TransportStream(4, 192), MediaKind.Video, "video/mp2t", "MPEG-TS" },
        { "MPEG-PS", Of(0x00, 0x00, 0x01, 0xBA, 0x44, 0x00, 0x04, 0x00), MediaKind.Video, "video/mpeg", "MPEG-PS" },
        { "MPEG-1/2 video", Of(0x00, 0x00, 0x01, 0xB3, 0x14, 0x00, 0xF0, 0x13), MediaKind.Video, "video/mpeg", "MPEG video" },
        { "FLV", Of("FLV", 0x01, 0x05, 0, 0, 0, 9), MediaKind.Video, "video/x-flv", "FLV" },
        { "ASF/WMV", Of(0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C), MediaKind.Video, "video/x-ms-asf", "ASF" },
        { "Ogg Theora", OggPage(Of(0x80, "theora", 3, 2)), MediaKind.Video, "video/ogg", "Ogg Theora" },
        { "Ogg with a Skeleton first", OggPage(Of("fishead\0", 3, 0)), MediaKind.Video, "video/ogg", "Ogg" },
        { "Ogg Vorbis", OggPage(Of(0x01, "vorbis", 0, 0, 0, 0)), MediaKind.Audio, "audio/ogg", "Ogg Vorbis" },
        { "Ogg Opus", OggPage(Of("OpusHead", 1, 2)), MediaKind.Audio, "audio/ogg", "Ogg Opus" },
        { "Ogg FLAC", OggPage(Of(0x7F, "FLAC", 1, 0)), MediaKind.Audio, "audio/ogg", "Ogg FLAC" },
        { "Ogg Speex", OggPage(Of("Speex   1.2")), MediaKind.Audio, "audio/ogg", "Ogg Speex" },
        { "Ogg page cut short", Of("OggS\0", 2, 0, 0), MediaKind.Audio, "audio/ogg", "Ogg" },
        { "MP3 with an ID3v2.3 tag", Of("ID3", 3, 0, 0, 0x00, 0x00, 0x02, 0x01), MediaKind.Audio, "audio/mpeg", "MP3" },
        { "MP3 with an ID3v2.4 tag", Of("ID3", 4, 0, 0x80, 0x00, 0x01, 0x7F, 0x7F), MediaKind.Audio, "audio/mpeg", "MP3" },
        { "MP3 frame, MPEG-1 layer III 128 kb/s 44.1 kHz", Of(0xFF, 0xFB, 0x90, 0x64), MediaKind.Audio, "audio/mpeg", "MP3" },
        { "MP3 frame, MPEG-2 layer III", Of(0xFF, 0xF3, 0x84, 0xC4), MediaKind.Audio, "audio/mpeg", "MP3" },
        { "MP3 frame, MPEG-2.5 layer III", Of(0xFF, 0xE3, 0x18, 0xC4), MediaKind.Audio, "audio/mpeg", "MP3" },
        { "MPEG-1 layer II frame", Of(0xFF, 0xFD, 0x90, 0x04), MediaKind.Audio, "audio/mpeg", "MPEG audio" },
        { "AAC ADTS, MPEG-4", Adts(0xF1, samplingIndex: 4), MediaKind.Audio, "audio/aac", "AAC" },
        { "AAC ADTS, MPEG-2 without CRC", Adts(0xF9, samplingIndex: 3), MediaKind.Audio, "audio/aac", "AAC" },
        { "WAV", Riff("WAVE", "fmt "), MediaKind.Audio, "audio/wav", "WAV" },
        { "WAV RF64", Of("RF64", 0xFF, 0xFF, 0xFF, 0xFF, "WAVEds64"), MediaKind.Audio, "audio/wav", "WAV" },
        { "FLAC", Of("fLaC", 0x00, 0x00, 0x00, 0x22), MediaKind.Audio, "audio/flac", "FLAC" },
        { "AIFF", Of("FORM", 0, 0, 0x10, 0, "AIFFCOMM"), MediaKind.Audio, "audio/aiff", "AIFF" },
        { "AIFF-C", Of("FORM", 0, 0, 0x10, 0, "AIFCFVER"), MediaKind.Audio, "audio/aiff", "AIFF" },
        { "AMR", Of("#!AMR\n", 0x3C), MediaKind.Audio, "audio/amr", "AMR" },
        { "AMR-WB", Of("#!AMR-WB\n", 0x44), MediaKind.Audio, "audio/amr-wb", "AMR-WB" },
    };

    public static TheoryData<string, byte[]> NotMedia => new()
    {
        { "nothing", [] },
        { "one byte", Of(0xFF) },
        { "half a JPEG signature", Of(0xFF, 0xD8) },
        { "most of a PNG signature", Of(0x89, "PNG", 0x0D, 0x0A, 0x1A) },
        { "GIF without a version", Of("GIF8") },
        { "GIF of an unknown version", Of("GIF90a", 0, 0) },
        { "plain text", Of("hello, world\n") },
        { "text starting BM", Of("BMW and Mercedes are car makers.") },
        { "text starting ID3", Of("ID3 tags are metadata in MP3 files") },
        { "text starting RIFF", Of("RIFF raff, said the dog; and then some") },
        { "text starting FORM", Of("FORM 1040 is a tax return form") },
        { "text starting OggS", Of("Oggs are not a thing") },
        { "text whose bytes 4-7 spell a QuickTime atom", Of("Get free tickets now") },
        { "HTML", Of("<!DOCTYPE html><html><head><title>x</title>") },
        { "SVG", Of("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\"/>") },
        { "JSON", Of("{\"kind\":\"image\",\"mime\":\"image/png\"}") },
        { "PDF", Of("%PDF-1.7\n%", 0xE2, 0xE3, 0xCF, 0xD3) },
        { "ZIP", Of("PK", 0x03, 0x04, 0x14, 0x00, 0x06, 0x00) },
        { "UTF-8 BOM then text", Of(0xEF, 0xBB, 0xBF, "text") },
        { "zeros", new byte[64] },
        { "RIFF of another form", Riff("CDXA", "fmt ") },
        { "RIFF cut before its form", Of("RIFF", 0x24, 0, 0, 0) },
        { "RF64 that is not WAVE", Of("RF64", 0xFF, 0xFF, 0xFF, 0xFF, "AVI ") },
        { "ftyp box too small to hold a brand", Of(0, 0, 0, 8, "ftypisom") },
        { "a gigabyte 'wide' atom", Of(0x40, 0, 0, 8, "wide", 0, 0, 0, 0) },
        { "a transport stream of two packets", TransportStream(0, 188)[..200] },
        { "sync bytes 188 apart but not three", TransportStream(0, 188)[..376] },
        { "MPEG audio of the reserved version", Of(0xFF, 0xEB, 0x90, 0x64) },
        { "MPEG audio with the bad bitrate", Of(0xFF, 0xFB, 0xF0, 0x64) },
        { "MPEG audio with free-format bitrate", Of(0xFF, 0xFB, 0x00, 0x64) },
        { "MPEG audio with the reserved sample rate", Of(0xFF, 0xFB, 0x9C, 0x64) },
        { "MPEG audio with the reserved emphasis", Of(0xFF, 0xFB, 0x90, 0x66) },
        { "ADTS with a reserved sampling rate", Adts(0xF1, samplingIndex: 13) },
        { "ADTS too short to read", Of(0xFF, 0xF1, 0x50, 0x80) },
        { "ID3 of an impossible version", Of("ID3", 0xFF, 0, 0, 0, 0, 0, 0) },
        { "ID3 with a size that is not syncsafe", Of("ID3", 3, 0, 0, 0x00, 0x80, 0x00, 0x00) },
        { "BM too short for its DIB header", Of("BM", 0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0) },
        { "BM with a DIB header size no revision uses", Bmp(41) },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Each_signature_names_its_format(string description, byte[] header, MediaKind kind, string mimeType, string name)
    {
        var format = MediaSniffer.Sniff(header);

        Assert.True(format == new MediaFormat(kind, mimeType, name), $"{description}: got {format}");
    }

    [Theory]
    [MemberData(nameof(NotMedia))]
    public void Bytes_without_a_known_signature_are_unknown(string description, byte[] header)
    {
        var format = MediaSniffer.Sniff(header);

        Assert.True(format == MediaFormat.Unknown, $"{description}: got {format}");
    }

    [Fact]
    public void Unknown_is_octet_stream()
    {
        Assert.Equal(new MediaFormat(MediaKind.Unknown, "application/octet-stream", "Unknown"), MediaFormat.Unknown);
    }

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Every_prefix_of_a_signature_is_sniffed_without_error(string description, byte[] header, MediaKind kind, string mimeType, string name)
    {
        _ = (kind, mimeType, name);
        for (var length = 0; length <= header.Length; length++)
        {
            var format = MediaSniffer.Sniff(header.AsSpan(0, length));
            Assert.True(format is not null, description);
        }
    }

    [Theory]
    [MemberData(nameof(Signatures))]
    public void What_follows_the_header_does_not_change_the_answer(string description, byte[] header, MediaKind kind, string mimeType, string name)
    {
        _ = (kind, mimeType, name);
        var padded = new byte[MediaSniffer.HeaderLength * 3];
        header.CopyTo(padded, 0);
        new Random(header.Length).NextBytes(padded.AsSpan(Math.Max(header.Length, MediaSniffer.HeaderLength)));

        Assert.True(MediaSniffer.Sniff(header) == MediaSniffer.Sniff(padded), description);
    }

    [Fact]
    public void Only_the_first_header_length_bytes_are_looked_at()
    {
        // A transport stream's third sync byte just past the header does not count.
        var stream = new byte[MediaSniffer.HeaderLength + 200];
        stream[0] = stream[188] = 0x47;
        stream[MediaSniffer.HeaderLength] = 0x47;

        Assert.Equal(MediaFormat.Unknown, MediaSniffer.Sniff(stream));
        Assert.True(MediaSniffer.HeaderLength >= 377, "Three transport stream packets must fit in the header.");
    }

    [Fact]
    public void Random_bytes_are_almost_never_taken_for_media()
    {
        var random = new Random(20240601);
        var header = new byte[MediaSniffer.HeaderLength];
        var recognised = 0;
        for (var i = 0; i < 5000; i++)
        {
            random.NextBytes(header);
            if (MediaSniffer.Sniff(header).Kind != MediaKind.Unknown)
            {
                recognised++;
            }
        }

        // Frame sync words are the weakest signatures: about one random buffer in 4 000 passes MP3's or AAC's checks.
        Assert.True(recognised <= 5, $"{recognised} of 5000 random buffers were recognised");
    }

    [Fact]
    public void Random_text_is_never_taken_for_media()
    {
        var random = new Random(7);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()[]{}<>/\\-_=+*&^%$#@\n\t";
        var text = new char[MediaSniffer.HeaderLength];
        for (var i = 0; i < 5000; i++)
        {
            for (var c = 0; c < text.Length; c++)
            {
                text[c] = alphabet[random.Next(alphabet.Length)];
            }

            Assert.Equal(MediaFormat.Unknown, MediaSniffer.Sniff(Encoding.ASCII.GetBytes(text)));
        }
    }

    /// <summary>Concatenates strings (as Latin-1) and bytes.</summary>
    private static byte[] Of(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case string text:
                    bytes.AddRange(Encoding.Latin1.GetBytes(text));
                    break;
                case byte[] array:
                    bytes.AddRange(array);
                    break;
                case int value:
                    bytes.Add(checked((byte)value));
                    break;
                default:
                    throw new ArgumentException($"Cannot make bytes of {part}.", nameof(parts));
            }
        }

        return [.. bytes];
    }

    private static byte[] Riff(string form, string firstChunk) => Of("RIFF", 0x24, 0x08, 0, 0, form, firstChunk, 0x10, 0, 0, 0);

    private static byte[] Bmp(int dibHeaderSize) =>
        Of("BM", 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, dibHeaderSize, 0, 0, 0, 0x10, 0, 0, 0, 0x10, 0, 0, 0);

    private static byte[] Ftyp(string majorBrand, params string[] compatibleBrands)
    {
        var size = 16 + (4 * compatibleBrands.Length);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        return Of(header, "ftyp", majorBrand, 0, 0, 0x02, 0x00, string.Concat(compatibleBrands), 0, 0, 0, 8, "free");
    }

    // The EBML header as mkvmerge and ffmpeg write it: version, read version, max ID and size lengths, DocType.
    private static byte[] Ebml(string docType) =>
        Of(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08,
            0x42, 0x82, 0x80 | docType.Length, docType, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02);

    private static byte[] TransportStream(int first, int packet)
    {
        var stream = new byte[first + (3 * packet) + 4];
        for (var i = 0; i < 3; i++)
        {
            stream[first + (i * packet)] = 0x47;
            stream[first + (i * packet) + 1] = 0x40;
        }

        return stream;
    }

    // An Ogg page holding one packet: capture pattern, version, "first page" flag, granule, serial, sequence,
    // CRC, one lacing value, then the packet.
    private static byte[] OggPage(byte[] packet) =>
        Of("OggS", 0, 0x02, new byte[8], 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0, 0, 0, 0, 0, 1, packet.Length, packet);

    private static byte[] Adts(int secondByte, int samplingIndex) =>
        Of(0xFF, secondByte, 0x40 | (samplingIndex << 2), 0x80, 0x2E, 0x7F, 0xFC);
}
