namespace HiveOrleans.Moderation.Media;

/// <summary>
/// ffmpeg or ffprobe could not be started. This is the host's fault, not the file's, so it is kept apart from
/// <see cref="MediaDecodeException"/>: the upload should be retried once the machine is fixed, not rejected.
/// </summary>
public sealed class MediaToolNotFoundException : Exception
{
    public MediaToolNotFoundException()
        : base("ffmpeg was not found on PATH; install the Debian package ffmpeg")
    {
    }

    public MediaToolNotFoundException(string message)
        : base(message)
    {
    }

    public MediaToolNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
