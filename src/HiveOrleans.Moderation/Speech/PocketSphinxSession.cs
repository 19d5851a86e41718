namespace HiveOrleans.Moderation.Speech;

/// <summary>One recording's PocketSphinx decoder, freed when the recording is done.</summary>
internal sealed class PocketSphinxSession(IntPtr decoder) : ISpeechSession
{
    private IntPtr _decoder = decoder;

    public IReadOnlyList<RecognizedWord> Recognize(ReadOnlySpan<short> samples, double offsetSeconds)
    {
        ObjectDisposedException.ThrowIf(_decoder == IntPtr.Zero, this);
        return PocketSphinxRecognizer.Decode(_decoder, samples, offsetSeconds);
    }

    public void Dispose()
    {
        if (_decoder != IntPtr.Zero)
        {
            PocketSphinxNative.Free(_decoder);
            _decoder = IntPtr.Zero;
        }
    }
}
