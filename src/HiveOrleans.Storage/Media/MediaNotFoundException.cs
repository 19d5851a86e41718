namespace HiveOrleans.Storage.Media;

/// <summary>No blob is stored under the key (never stored, or deleted when its retention ran out).</summary>
public sealed class MediaNotFoundException : Exception
{
    public MediaNotFoundException()
    {
    }

    public MediaNotFoundException(string message)
        : base(message)
    {
    }

    public MediaNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
