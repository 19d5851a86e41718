namespace HiveOrleans.Moderation.Media;

/// <summary>A still image's size in pixels as stored (before any EXIF rotation), and how many frames it has (GIF, WebP).</summary>
public readonly record struct ImageDimensions(int Width, int Height, int FrameCount);
