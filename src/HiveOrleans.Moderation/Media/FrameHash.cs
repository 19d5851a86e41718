using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Moderation.Media;

/// <summary>The PDQ hash of the frame on screen at <paramref name="TimeSeconds"/> from the start of the video.</summary>
/// <param name="Pixels">The frame's colour samples when <see cref="FrameSamplingOptions.KeepPixels"/> asked for them, else null.</param>
public readonly record struct FrameHash(double TimeSeconds, PdqResult Result, RgbImage? Pixels = null);
