using System.Buffers.Binary;
using System.Text;

namespace HiveOrleans.Storage.Media;

/// <summary>
/// ISO base media files (MP4, MOV, 3GP, M4A, HEIF, AVIF) share one container; the 'ftyp' box's major brand, and for
/// HEIF its compatible brands, say which of them a file is.
/// </summary>
internal static class IsoMediaBrands
{
    public static MediaFormat? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length < 12)
        {
            return null;
        }

        var boxSize = BinaryPrimitives.ReadUInt32BigEndian(header);
        switch (Encoding.ASCII.GetString(header[4..8]))
        {
            case "ftyp":
                // Size, type, major brand and minor version: an 'ftyp' box is never shorter.
                return boxSize >= 16 ? FromBrands(header, (int)Math.Min(boxSize, (uint)header.Length)) : null;

            // Before 'ftyp' existed QuickTime files began with one of these atoms. Only the media atoms can
            // honestly be gigabytes long (size 1: a 64-bit size follows; 0: to the end of the file); text whose
            // bytes 4–7 spell one of the small ones has a printable first byte, so a size far too large.
            case "moov" or "mdat":
                return boxSize is 0 or 1 or >= 8 ? MediaFormats.QuickTime : null;
            case "wide" or "free" or "skip" or "pnot":
                return boxSize is >= 8 and < 0x0100_0000 ? MediaFormats.QuickTime : null;
            default:
                return null;
        }
    }

    private static MediaFormat FromBrands(ReadOnlySpan<byte> header, int boxEnd)
    {
        var major = header[8..12];
        switch (Encoding.ASCII.GetString(major))
        {
            case "avif" or "avis":
                return MediaFormats.Avif;
            case "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx":
                return MediaFormats.Heic;
            case "mif1" or "msf1":
                return HeifFlavour(header, boxEnd);
            case "M4A " or "M4B " or "M4P " or "F4A " or "F4B ":
                return MediaFormats.M4a;
            case "qt  ":
                return MediaFormats.QuickTime;
            case "M4V " or "M4VH" or "M4VP":
                return MediaFormats.M4v;
            case var brand when brand.StartsWith("3g2", StringComparison.Ordinal):
                return MediaFormats.ThreeG2;
            case var brand when brand.StartsWith("3g", StringComparison.Ordinal):
                return MediaFormats.ThreeGp;
            default:
                // isom, iso2–iso9, mp41, mp42, avc1, dash and the many vendor brands: all play as MP4.
                return MediaFormats.Mp4;
        }
    }

    // 'mif1' only says "HEIF image"; the compatible brands after the minor version say which codec's flavour.
    private static MediaFormat HeifFlavour(ReadOnlySpan<byte> header, int boxEnd)
    {
        for (var at = 16; at + 4 <= boxEnd; at += 4)
        {
            var brand = header.Slice(at, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return MediaFormats.Avif;
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8))
            {
                return MediaFormats.Heic;
            }
        }

        return MediaFormats.Heif;
    }
}
