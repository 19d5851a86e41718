namespace HiveOrleans.Moderation.Media;

/// <summary>The probe as the decoder needs it: which stream to map and the size its frames are scaled to.</summary>
internal sealed record ProbedVideo(VideoInfo Info, int StreamIndex, int FrameWidth, int FrameHeight);
