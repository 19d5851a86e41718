namespace HiveOrleans.Moderation.Media;

/// <summary>
/// ffprobe or ffmpeg refused the file: it is corrupt, truncated, not a container we decode, or has no video.
/// The message ends with the tool's own last word on the matter; <see cref="ToolOutput"/> has its last few lines.
/// </summary>
public sealed class MediaDecodeException : Exception
{
    public MediaDecodeException()
        : base("The media file could not be decoded.")
    {
    }

    public MediaDecodeException(string message)
        : base(message)
    {
    }

    public MediaDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaDecodeException(string message, IReadOnlyList<string> toolOutput)
        : base(message)
    {
        ToolOutput = toolOutput;
    }

    /// <summary>The last lines ffprobe or ffmpeg wrote to stderr, oldest first; empty when the tool said nothing.</summary>
    public IReadOnlyList<string> ToolOutput { get; } = [];
}
