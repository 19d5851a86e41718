namespace HiveOrleans.Storage.Media;

/// <summary>The content is of a kind the project's model cannot take (found from its bytes, not its name).</summary>
public sealed class UnsupportedMediaException : Exception
{
    public UnsupportedMediaException()
    {
    }

    public UnsupportedMediaException(string message)
        : base(message)
    {
    }

    public UnsupportedMediaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
