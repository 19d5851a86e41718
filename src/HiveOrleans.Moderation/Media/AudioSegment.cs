namespace HiveOrleans.Moderation.Media;

/// <summary>A stretch of decoded audio: 16 kHz mono samples starting <paramref name="StartSeconds"/> into the file.</summary>
public sealed record AudioSegment(double StartSeconds, short[] Samples)
{
    /// <summary>Samples a second.</summary>
    public const int SampleRate = 16_000;

    /// <summary>How long the segment lasts.</summary>
    public double DurationSeconds => Samples.Length / (double)SampleRate;
}
