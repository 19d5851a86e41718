namespace HiveOrleans.Storage.Media;

/// <summary>The formats <see cref="MediaSniffer"/> can name, one instance each so results compare by reference too.</summary>
internal static class MediaFormats
{
    public static readonly MediaFormat Jpeg = new(MediaKind.Image, "image/jpeg", "JPEG");
    public static readonly MediaFormat Png = new(MediaKind.Image, "image/png", "PNG");
    public static readonly MediaFormat Gif = new(MediaKind.Gif, "image/gif", "GIF");
    public static readonly MediaFormat WebP = new(MediaKind.Image, "image/webp", "WebP");
    public static readonly MediaFormat Bmp = new(MediaKind.Image, "image/bmp", "BMP");
    public static readonly MediaFormat Tiff = new(MediaKind.Image, "image/tiff", "TIFF");
    public static readonly MediaFormat Avif = new(MediaKind.Image, "image/avif", "AVIF");
    public static readonly MediaFormat Heic = new(MediaKind.Image, "image/heic", "HEIC");
    public static readonly MediaFormat Heif = new(MediaKind.Image, "image/heif", "HEIF");

    public static readonly MediaFormat Mp4 = new(MediaKind.Video, "video/mp4", "MP4");
    public static readonly MediaFormat M4v = new(MediaKind.Video, "video/x-m4v", "M4V");
    public static readonly MediaFormat QuickTime = new(MediaKind.Video, "video/quicktime", "QuickTime");
    public static readonly MediaFormat ThreeGp = new(MediaKind.Video, "video/3gpp", "3GP");
    public static readonly MediaFormat ThreeG2 = new(MediaKind.Video, "video/3gpp2", "3G2");
    public static readonly MediaFormat WebM = new(MediaKind.Video, "video/webm", "WebM");
    public static readonly MediaFormat Matroska = new(MediaKind.Video, "video/x-matroska", "Matroska");
    public static readonly MediaFormat WebMAudio = new(MediaKind.Audio, "audio/webm", "WebM audio");
    public static readonly MediaFormat MatroskaAudio = new(MediaKind.Audio, "audio/x-matroska", "Matroska audio");
    public static readonly MediaFormat Avi = new(MediaKind.Video, "video/x-msvideo", "AVI");
    public static readonly MediaFormat MpegTs = new(MediaKind.Video, "video/mp2t", "MPEG-TS");
    public static readonly MediaFormat MpegPs = new(MediaKind.Video, "video/mpeg", "MPEG-PS");
    public static readonly MediaFormat MpegVideo = new(MediaKind.Video, "video/mpeg", "MPEG video");
    public static readonly MediaFormat Flv = new(MediaKind.Video, "video/x-flv", "FLV");
    public static readonly MediaFormat Asf = new(MediaKind.Video, "video/x-ms-asf", "ASF");
    public static readonly MediaFormat OggTheora = new(MediaKind.Video, "video/ogg", "Ogg Theora");

    // Skeleton is an index stream that leads Ogg files made for the web, almost always in front of Theora.
    public static readonly MediaFormat OggSkeleton = new(MediaKind.Video, "video/ogg", "Ogg");

    public static readonly MediaFormat Mp3 = new(MediaKind.Audio, "audio/mpeg", "MP3");
    public static readonly MediaFormat MpegAudio = new(MediaKind.Audio, "audio/mpeg", "MPEG audio");
    public static readonly MediaFormat Aac = new(MediaKind.Audio, "audio/aac", "AAC");
    public static readonly MediaFormat M4a = new(MediaKind.Audio, "audio/mp4", "M4A");

    // An MP4, QuickTime or 3GP file whose only tracks turned out to be sound (its 'ftyp' brand said video).
    public static readonly MediaFormat Mp4Audio = new(MediaKind.Audio, "audio/mp4", "MP4 audio");
    public static readonly MediaFormat ThreeGpAudio = new(MediaKind.Audio, "audio/3gpp", "3GP audio");
    public static readonly MediaFormat ThreeG2Audio = new(MediaKind.Audio, "audio/3gpp2", "3G2 audio");
    public static readonly MediaFormat Wav = new(MediaKind.Audio, "audio/wav", "WAV");
    public static readonly MediaFormat Flac = new(MediaKind.Audio, "audio/flac", "FLAC");
    public static readonly MediaFormat Aiff = new(MediaKind.Audio, "audio/aiff", "AIFF");
    public static readonly MediaFormat Amr = new(MediaKind.Audio, "audio/amr", "AMR");
    public static readonly MediaFormat AmrWideband = new(MediaKind.Audio, "audio/amr-wb", "AMR-WB");
    public static readonly MediaFormat OggVorbis = new(MediaKind.Audio, "audio/ogg", "Ogg Vorbis");
    public static readonly MediaFormat OggOpus = new(MediaKind.Audio, "audio/ogg", "Ogg Opus");
    public static readonly MediaFormat OggFlac = new(MediaKind.Audio, "audio/ogg", "Ogg FLAC");
    public static readonly MediaFormat OggSpeex = new(MediaKind.Audio, "audio/ogg", "Ogg Speex");
    public static readonly MediaFormat Ogg = new(MediaKind.Audio, "audio/ogg", "Ogg");
}
