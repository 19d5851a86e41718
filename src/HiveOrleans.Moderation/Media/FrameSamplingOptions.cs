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
}
