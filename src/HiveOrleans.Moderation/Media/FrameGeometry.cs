namespace HiveOrleans.Moderation.Media;

/// <summary>The size frames are decoded at: the displayed shape, shrunk to fit PDQ's needs.</summary>
internal static class FrameGeometry
{
    /// <summary>
    /// PDQ tent-filters every picture down to 64×64, so a 512-pixel side keeps eight source pixels per output
    /// pixel (plenty for the filter) while a 4K frame costs a 512×288 buffer instead of 8 MB.
    /// </summary>
    public const int MaxSide = 512;

    /// <summary>Past this ffmpeg would spend gigabytes decoding frames no camera makes; such streams are refused.</summary>
    public const int MaxSourceSide = 16384;

    /// <summary>
    /// The displayed size (non-square pixels widened by their aspect ratio, then quarter turns applied, as ffmpeg's
    /// autorotation does) scaled down, never up, to fit <see cref="MaxSide"/>.
    /// </summary>
    public static (int Width, int Height) Fit(int codedWidth, int codedHeight, double sampleAspectRatio, bool quarterTurn)
    {
        var width = codedWidth * sampleAspectRatio;
        double height = codedHeight;
        if (quarterTurn)
        {
            (width, height) = (height, width);
        }

        var scale = Math.Min(1.0, MaxSide / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
