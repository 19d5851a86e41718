namespace HiveOrleans.Grains.Media;

/// <summary>
/// A download of a caller's URL failed. <see cref="Reason"/> says why in words a caller can act on ("the server
/// answered 404 Not Found"); it never ends with a full stop, so it can be put into a sentence.
/// </summary>
public sealed class MediaFetchException : Exception
{
    public MediaFetchException(MediaFetchFailure failure, string reason, Exception? innerException = null, int? statusCode = null)
        : base($"Could not fetch the media: {reason}.", innerException)
    {
        Failure = failure;
        Reason = reason;
        StatusCode = statusCode;
    }

    public MediaFetchFailure Failure { get; }

    public string Reason { get; }

    /// <summary>The HTTP status, for <see cref="MediaFetchFailure.HttpStatus"/>.</summary>
    public int? StatusCode { get; }
}
