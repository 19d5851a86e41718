namespace HiveOrleans.Moderation.Speech;

/// <summary>A speech recogniser cannot run here: its library or model is missing; the message says what to install or set.</summary>
public sealed class SpeechModelUnavailableException : Exception
{
    public SpeechModelUnavailableException()
    {
    }

    public SpeechModelUnavailableException(string message)
        : base(message)
    {
    }

    public SpeechModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
