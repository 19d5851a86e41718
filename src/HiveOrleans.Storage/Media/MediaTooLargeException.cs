namespace HiveOrleans.Storage.Media;

/// <summary>The content was over the size limit it was stored under; nothing was kept.</summary>
public sealed class MediaTooLargeException : Exception
{
    public MediaTooLargeException()
    {
    }

    public MediaTooLargeException(string message)
        : base(message)
    {
    }

    public MediaTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaTooLargeException(long limit)
        : base($"The content is over the limit of {limit} bytes.")
    {
        Limit = limit;
    }

    /// <summary>The limit, in bytes.</summary>
    public long Limit { get; }
}
