namespace HiveOrleans.Moderation.Media;

/// <summary>How densely to sample a video and how much of it to look at. Out-of-range values throw when set.</summary>
public sealed record FrameSamplingOptions
{
    /// <summary>Sampling faster than a typical video's own frame rate only hashes duplicates.</summary>
    public const double MaxFramesPerSecond = 30;

    public static FrameSamplingOptions Default { get; } = new();

    /// <summary>Frames per second to hash; more than 0, at most <see cref="MaxFramesPerSecond"/>. Default 1.</summary>
    public double FramesPerSecond
    {
        get;
        init => field = value is > 0 and <= MaxFramesPerSecond
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"The sampling rate must be more than 0 and at most {MaxFramesPerSecond} frames per second.");
    } = 1.0;

    /// <summary>At most this many frames are hashed; ffmpeg is stopped there. Default 3600 (an hour at 1 fps).</summary>
    public int MaxFrames
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one frame must be allowed.");
    } = 3600;

    /// <summary>
    /// A stream whose frames are larger than this many pixels is refused before ffmpeg decodes anything. Default
    /// 50,000,000 (an 8K frame is 33 megapixels), the same as the still-image limit.
    /// </summary>
    public long MaxFramePixels
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The frame size limit must be more than 0 pixels.");
    } = 50_000_000;

    /// <summary>
    /// A GIF with more frames than this is refused before it is decoded: ffmpeg decodes every frame of a GIF, whatever
    /// the sampling rate, and a few bytes can describe a frame. Default 10,000.
    /// </summary>
    public int MaxGifFrames
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one GIF frame must be allowed.");
    } = 10_000;

    /// <summary>
    /// A GIF whose frames add up to more pixels than this (frames × screen size: each frame is composed onto the
    /// whole screen) is refused before it is decoded. Default 1,000,000,000, about 5 s of ffmpeg on one core here.
    /// </summary>
    public long MaxGifPixels
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The GIF pixel limit must be more than 0.");
    } = 1_000_000_000;

    /// <summary>
    /// The whole job (probe, decode, hashing) must finish within this, or the tools are killed and a
    /// <see cref="TimeoutException"/> thrown. More than 0, at most a day. Default 5 minutes.
    /// </summary>
    public TimeSpan Timeout
    {
        get;
        init => field = value > TimeSpan.Zero && value <= TimeSpan.FromDays(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout must be more than 0 and at most a day.");
    } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// True to keep each frame's colour samples (<see cref="FrameHash.Pixels"/>) for a classifier. ffmpeg then
    /// decodes RGB instead of grey, and the PDQ luma is computed from it as for still images (Rec. 601 weights).
    /// Default false: grey frames, hashes only.
    /// </summary>
    public bool KeepPixels { get; init; }
}
