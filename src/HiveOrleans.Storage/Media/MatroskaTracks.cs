namespace HiveOrleans.Storage.Media;

/// <summary>
/// Whether a WebM/Matroska file holds sound alone, from its Tracks element. Muxers (ffmpeg, browsers' MediaRecorder)
/// write it in the first few hundred bytes, after the segment's Info; when it is not wholly in the header, or has no
/// track we can read, the file stays video, as before: a video container is never called audio on a guess.
/// </summary>
internal static class MatroskaTracks
{
    private static ReadOnlySpan<byte> TracksId => [0x16, 0x54, 0xAE, 0x6B];

    // CodecID's element ID; its value names the track's kind: "A_OPUS", "V_VP8", "S_TEXT/WEBVTT".
    private const byte CodecIdElement = 0x86;

    public static bool AudioOnly(ReadOnlySpan<byte> header)
    {
        // The SeekHead before the Tracks element quotes its ID too; the element itself is the one with codecs in it.
        for (var from = 0; from < header.Length;)
        {
            var found = header[from..].IndexOf(TracksId);
            if (found < 0)
            {
                return false;
            }

            var at = from + found;
            if (Kinds(header, at) is { } audioOnly)
            {
                return audioOnly;
            }

            from = at + 1;
        }

        return false;
    }

    /// <summary>For a Tracks element wholly in the header at <paramref name="at"/>: whether its tracks are all sound; null if it is not one or names no codec.</summary>
    private static bool? Kinds(ReadOnlySpan<byte> header, int at)
    {
        if (!TryReadSize(header[(at + 4)..], out var sizeLength, out var size))
        {
            return null;
        }

        var start = at + 4 + sizeLength;
        if (size > (ulong)(header.Length - start))
        {
            return null;
        }

        var tracks = header.Slice(start, (int)size);
        var audio = 0;
        for (var i = 0; i + 4 <= tracks.Length; i++)
        {
            // A CodecID is short, so its size is one byte: 0x80 | length.
            if (tracks[i] != CodecIdElement || (tracks[i + 1] & 0x80) == 0 || tracks[i + 3] != (byte)'_')
            {
                continue;
            }

            switch (tracks[i + 2])
            {
                case (byte)'A':
                    audio++;
                    break;
                case (byte)'V':
                    return false;
            }
        }

        return audio > 0 ? true : null;
    }

    // An EBML variable-length size: the count of leading zero bits in the first byte says how many bytes follow.
    private static bool TryReadSize(ReadOnlySpan<byte> bytes, out int length, out ulong size)
    {
        length = 0;
        size = 0;
        if (bytes.IsEmpty || bytes[0] == 0)
        {
            return false;
        }

        length = System.Numerics.BitOperations.LeadingZeroCount((uint)bytes[0]) - 23;
        if (length > bytes.Length || length > 8)
        {
            return false;
        }

        size = (ulong)(bytes[0] & (0xFF >> length));
        for (var i = 1; i < length; i++)
        {
            size = (size << 8) | bytes[i];
        }

        return true;
    }
}
