namespace HiveOrleans.Moderation.Media;

/// <summary>
/// What ffprobe says about a file's video stream. Width and height are as displayed: a phone video stored
/// landscape with a 90° rotation flag is reported portrait, as ffmpeg decodes it.
/// </summary>
/// <param name="Container">ffmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "gif".</param>
/// <param name="Codec">ffmpeg's decoder name, e.g. "h264", "vp9", "gif".</param>
/// <param name="DurationSeconds">The stream's (else the file's) duration; null when the container does not say.</param>
/// <param name="FramesPerSecond">The stream's average frame rate; null when unknown.</param>
public sealed record VideoInfo(string Container, string Codec, int Width, int Height, double? DurationSeconds, double? FramesPerSecond);
