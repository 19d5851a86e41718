namespace HiveOrleans.Storage.Media;

/// <summary>
/// Bare MPEG audio (MP3 and its layer I/II siblings) and AAC in ADTS frames have no file header, only a frame
/// header starting with a run of set sync bits. Every reserved value in the header is refused, which is what keeps
/// random binary that happens to start with 0xFF from passing.
/// </summary>
internal static class MpegAudioFrame
{
    public static MediaFormat? Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 || header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        var layer = (header[1] >> 1) & 0b11;
        return layer == 0 ? SniffAdts(header) : SniffMpegAudio(header, layer);
    }

    // Layer bits 00 are reserved in MPEG audio and mandatory in ADTS, whose sync word is 12 bits long.
    private static MediaFormat? SniffAdts(ReadOnlySpan<byte> header)
    {
        if (header.Length < 7 || (header[1] & 0xF0) != 0xF0)
        {
            return null;
        }

        var samplingIndex = (header[2] >> 2) & 0x0F;
        var frameLength = ((header[3] & 0b11) << 11) | (header[4] << 3) | (header[5] >> 5);
        return samplingIndex < 13 && frameLength >= 7 ? MediaFormats.Aac : null;
    }

    private static MediaFormat? SniffMpegAudio(ReadOnlySpan<byte> header, int layer)
    {
        var version = (header[1] >> 3) & 0b11;
        var bitrateIndex = header[2] >> 4;
        var sampleRateIndex = (header[2] >> 2) & 0b11;
        var emphasis = header[3] & 0b11;

        // Version 01, sample rate 11 and emphasis 10 are reserved; bitrate 1111 is "bad"; bitrate 0000 is
        // legal free-format but so rare that accepting it would mostly admit noise.
        if (version == 0b01 || bitrateIndex is 0 or 0x0F || sampleRateIndex == 0b11 || emphasis == 0b10)
        {
            return null;
        }

        // Layer bits 01 are layer III.
        return layer == 0b01 ? MediaFormats.Mp3 : MediaFormats.MpegAudio;
    }
}
