using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Models;

/// <summary>Limits of the visual model. Bound from <c>HiveOrleans:Visual</c>; see docs/operations.md.</summary>
public sealed class VisualModelOptions
{
    public const string Section = "HiveOrleans:Visual";

    /// <summary>At most this many frames of one video are sampled (an hour at the default 1 frame/s).</summary>
    [Range(1, 100_000)]
    public int MaxFrames { get; set; } = 3600;

    /// <summary>
    /// Probing, decoding and hashing one video, GIF or image must finish within this, or the task fails with
    /// <c>TIMEOUT</c>. ffmpeg is killed at the deadline; an image decode cannot be interrupted, so it keeps its model
    /// slot until it ends (<see cref="MaxImagePixels"/> bounds how long that is).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// An image whose header declares more pixels than this, or a video or GIF whose frames are larger, fails with
    /// <c>UNSUPPORTED_MEDIA</c> before it is decoded: a few hundred bytes can declare a 4-gigapixel picture, and
    /// decoding even 64 megapixels takes over a second.
    /// </summary>
    [Range(1_000_000, 1_000_000_000)]
    public long MaxImagePixels { get; set; } = HiveOrleans.Moderation.Pdq.PdqHasher.DefaultMaxImagePixels;

    /// <summary>A GIF with more frames than this fails with <c>UNSUPPORTED_MEDIA</c> before it is decoded (ffmpeg decodes every frame of a GIF).</summary>
    [Range(1, 1_000_000)]
    public int MaxGifFrames { get; set; } = 10_000;

    /// <summary>A GIF whose frames add up to more pixels than this (frames × screen size) fails with <c>UNSUPPORTED_MEDIA</c> before it is decoded.</summary>
    [Range(1_000_000, 100_000_000_000)]
    public long MaxGifPixels { get; set; } = 1_000_000_000;

    /// <summary>How long a task waits for a starting silo's hash banks to load before it fails (and is retried later).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BankLoadWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The ffmpeg executable (Debian package <c>ffmpeg</c>).</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe executable (same package).</summary>
    [Required]
    public string FfprobePath { get; set; } = "ffprobe";
}
