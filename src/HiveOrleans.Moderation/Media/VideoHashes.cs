namespace HiveOrleans.Moderation.Media;

/// <summary>A video's probe and the hashes of its sampled frames, in time order.</summary>
public sealed record VideoHashes(VideoInfo Info, IReadOnlyList<FrameHash> Frames)
{
    public int FrameCount => Frames.Count;
}
