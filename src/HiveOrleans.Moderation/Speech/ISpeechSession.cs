namespace HiveOrleans.Moderation.Speech;

/// <summary>
/// Hears one recording, segment by segment in order: 16 kHz mono 16-bit samples in, words out. Not thread-safe; a
/// call blocks and burns CPU, so callers run it off any scheduler and bound how many run at once.
/// </summary>
public interface ISpeechSession : IDisposable
{
    /// <summary>The words in <paramref name="samples"/>, with times counted from <paramref name="offsetSeconds"/>.</summary>
    IReadOnlyList<RecognizedWord> Recognize(ReadOnlySpan<short> samples, double offsetSeconds);
}
