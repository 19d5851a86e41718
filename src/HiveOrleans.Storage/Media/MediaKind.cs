namespace HiveOrleans.Storage.Media;

/// <summary>What a file is, as far as moderation cares: which pipeline it goes to.</summary>
public enum MediaKind
{
    /// <summary>No signature we know; not to be decoded.</summary>
    Unknown,

    /// <summary>A still image (JPEG, PNG, WebP, BMP, TIFF, HEIF/AVIF).</summary>
    Image,

    /// <summary>A GIF: a still image or an animation, so it is hashed as a picture and sampled as frames.</summary>
    Gif,

    /// <summary>A video container (MP4/MOV/3GP, WebM/Matroska, AVI, MPEG-TS/PS, FLV, ASF, Ogg Theora).</summary>
    Video,

    /// <summary>An audio-only file (MP3, WAV, FLAC, AAC, M4A, Ogg, AIFF, AMR).</summary>
    Audio,
}
