namespace HiveOrleans.Grains.Media;

/// <summary>What kind of failure a <see cref="MediaFetchException"/> is, for callers that answer each differently.</summary>
public enum MediaFetchFailure
{
    /// <summary>The URL, a redirect or the addresses it resolves to are not allowed; nothing was sent there.</summary>
    Refused,

    /// <summary>The host could not be resolved or reached, the TLS handshake failed, or the answer broke off.</summary>
    Unreachable,

    /// <summary>The server answered with a status other than 2xx (see <see cref="MediaFetchException.StatusCode"/>).</summary>
    HttpStatus,

    /// <summary>The server redirected more often than allowed.</summary>
    TooManyRedirects,

    /// <summary>The body is over the caller's size limit.</summary>
    TooLarge,

    /// <summary>Headers and body together took longer than the fetch timeout.</summary>
    Timeout,
}
