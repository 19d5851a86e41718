using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// Names why a callback attempt got no HTTP answer, in words an operator can act on: "connection refused",
/// "connection reset", "timed out after 10 s", "TLS: …". HttpClient's own message ("An error occurred while sending
/// the request.") hides the cause in its inner exceptions; this looks there.
/// </summary>
internal static class CallbackFailure
{
    public static string Describe(Exception exception, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.#} s");
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return Describe(socket.SocketErrorCode) ?? $"socket error: {socket.SocketErrorCode}";
                case AuthenticationException tls:
                    return "TLS: " + tls.Message;
            }
        }

        return exception is HttpRequestException { HttpRequestError: var error } && Describe(error) is { } named
            ? named
            : exception.Message;
    }

    private static string? Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.TimedOut => "connect timed out",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not resolved",
        SocketError.HostUnreachable or SocketError.HostDown => "host unreachable",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
        _ => null,
    };

    private static string? Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "host name not resolved",
        HttpRequestError.ConnectionError => "could not connect",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "connection closed before a complete response",
        HttpRequestError.InvalidResponse => "invalid HTTP response",
        HttpRequestError.HttpProtocolError => "HTTP protocol error",
        HttpRequestError.ConfigurationLimitExceeded => "response exceeded a configured limit",
        _ => null,
    };
}
