using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Moderation.Media;

/// <summary>The PDQ hash of the frame on screen at <paramref name="TimeSeconds"/> from the start of the video.</summary>
public readonly record struct FrameHash(double TimeSeconds, PdqResult Result);
