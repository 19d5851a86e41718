using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using HiveOrleans.Grains.Media;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// Names why a callback attempt got no HTTP answer, in words an operator can act on: "connection refused",
/// "connection reset", "timed out after 10 s", "TLS: …". HttpClient's own message ("An error occurred while sending
/// the request.") hides the cause in its inner exceptions; this looks there. A destination the outbound address policy
/// refuses reads "refused: …", naming the address and why.
/// </summary>
internal static class CallbackFailure
{
    /// <summary>True when the outbound address policy refused the destination, so nothing was dialled.</summary>
    public static bool IsRefused(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundConnectException { Refused: true })
            {
                return true;
            }
        }

        return false;
    }

    public static string Describe(Exception exception, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.#} s");
        }

        OutboundConnectException? connect = null;
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case OutboundConnectException { Refused: true } refused:
                    return "refused: " + refused.Message;
                case OutboundConnectException unconnected:
                    connect = unconnected;
                    break;
                case SocketException socket:
                    return Describe(socket.SocketErrorCode) ?? $"socket error: {socket.SocketErrorCode}";
                case AuthenticationException tls:
                    return "TLS: " + tls.Message;
            }
        }

        if (connect is not null)
        {
            return connect.Message;
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
