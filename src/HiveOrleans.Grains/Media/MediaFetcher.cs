using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// Downloads media from a caller's URL without letting the caller point the platform at itself or its networks.
/// The check is on the address a connection is actually made to: the handler's <see cref="OutboundConnector"/>
/// resolves each host itself and connects only to addresses <see cref="OutboundAddressPolicy"/> allows, so no second
/// lookup can answer differently (DNS rebinding) and every redirect hop, whose connection goes through the same
/// callback, is checked the same way.
/// </summary>
/// <remarks>
/// Only http and https, and no URL with user-info (<c>http://user:pass@host/</c>): credentials have no business in a
/// media URL a caller hands to a third party's platform, and neither sending nor silently dropping them is right.
/// The handler uses no proxy, because through a proxy the callback would see the proxy's address, not the media
/// server's. Bodies arrive as sent (no decompression), so the size limit is the size that gets stored.
/// One handler for the process: a pooled connection was checked when it was made, and is reused only for the same
/// scheme, host and port.
/// </remarks>
public sealed partial class MediaFetcher : IDisposable
{
    public const string UserAgent = "HiveOrleans-Fetcher/1.0";

    private readonly OutboundConnector _connector;
    private readonly TimeSpan _timeout;
    private readonly int _maxRedirects;
    private readonly ILogger _logger;
    private readonly HttpClient _client;

    public MediaFetcher(IOptions<MediaFetchOptions> options, ILogger<MediaFetcher> logger)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), logger, Dns.GetHostAddressesAsync, OutboundConnector.ConnectSocketAsync)
    {
    }

    /// <summary>For tests: how host names are resolved, how a checked address is connected to, and whose addresses are the host's.</summary>
    internal MediaFetcher(
        MediaFetchOptions options,
        ILogger logger,
        Func<string, CancellationToken, Task<IPAddress[]>> resolve,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>> connect,
        HostAddresses? hostAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connector = new OutboundConnector(new OutboundAddressPolicy(options.FetchAllowList, allowPrivateNetworks: false, hostAddresses), purpose: null, resolve, connect);
        _timeout = options.FetchTimeout;
        _maxRedirects = options.MaxRedirects;
        _logger = logger;
        _client = new HttpClient(
            new SocketsHttpHandler
            {
                ConnectCallback = _connector.ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = _timeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),

                // An abandoned body (over the limit, out of time) closes its connection instead of being read on.
                MaxResponseDrainSize = 0,
            })
        {
            Timeout = Timeout.InfiniteTimeSpan, // The deadline covers the body too, which HttpClient.Timeout does not.
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>
    /// Downloads <paramref name="url"/> and hands its body to <paramref name="consume"/>, with what the server said
    /// about it. The body stream fails with <see cref="MediaFetchException"/> past <paramref name="maxBytes"/> or the
    /// fetch timeout (which covers the consumer's time too, and is what the token given to the consumer watches).
    /// Every failure of the download is a <see cref="MediaFetchException"/>; anything else <paramref name="consume"/>
    /// throws comes out unchanged, and so does an <see cref="OperationCanceledException"/> for
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<T> FetchAsync<T>(
        Uri url, long maxBytes, Func<Stream, FetchedResponse, CancellationToken, Task<T>> consume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(consume);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        try
        {
            CheckUrl(url, redirectedFrom: null);
            using var deadline = new FetchDeadline(_timeout, cancellationToken);
            try
            {
                return await FetchCheckedAsync(url, maxBytes, consume, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (deadline.HasExpired)
            {
                throw deadline.Expired(ex);
            }
        }
        catch (MediaFetchException ex)
        {
            LogFailed(_logger, url.IsAbsoluteUri ? url.Host : "(relative URL)", ex.Failure, ex.Reason);
            throw;
        }
    }

    private async Task<T> FetchCheckedAsync<T>(
        Uri url, long maxBytes, Func<Stream, FetchedResponse, CancellationToken, Task<T>> consume, FetchDeadline deadline)
    {
        var (response, finalUrl) = await GetFollowingRedirectsAsync(url, deadline).ConfigureAwait(false);
        FetchBodyStream body;
        FetchedResponse info;
        try
        {
            var length = response.Content.Headers.ContentLength;
            if (length > maxBytes)
            {
                throw new MediaFetchException(
                    MediaFetchFailure.TooLarge, $"the body is over the limit of {maxBytes} bytes (Content-Length {length})");
            }

            var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
            info = new FetchedResponse(finalUrl, contentType, length);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            body = new FetchBodyStream(stream, response, maxBytes, deadline);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        await using (body.ConfigureAwait(false))
        {
            return await consume(body, info, deadline.Token).ConfigureAwait(false);
        }
    }

    private async Task<(HttpResponseMessage Response, Uri Url)> GetFollowingRedirectsAsync(Uri url, FetchDeadline deadline)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            var response = await GetAsync(current, redirects > 0, deadline).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (response, current);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var location = response.Headers.Location;
                if (status is not (301 or 302 or 303 or 307 or 308) || location is null)
                {
                    var failure = new MediaFetchException(MediaFetchFailure.HttpStatus, $"the server answered {Describe(response)}", statusCode: status);
                    throw redirects > 0 ? InRedirect(current, failure) : failure;
                }

                if (redirects == _maxRedirects)
                {
                    throw new MediaFetchException(MediaFetchFailure.TooManyRedirects, $"redirected more than {_maxRedirects} times");
                }

                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                CheckUrl(next, redirectedFrom: current);
                LogRedirect(_logger, current.Host, next.Host, status);
                current = next;
            }
        }
    }

    private async Task<HttpResponseMessage> GetAsync(Uri url, bool redirected, FetchDeadline deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            if (deadline.HasExpired)
            {
                throw deadline.Expired(ex);
            }

            var failure = Translate(ex, url);
            throw redirected ? InRedirect(url, failure) : failure;
        }
    }

    private static void CheckUrl(Uri url, Uri? redirectedFrom)
    {
        var prefix = redirectedFrom is null ? "" : $"redirected to {Shown(url)}, but ";
        if (!url.IsAbsoluteUri)
        {
            throw new MediaFetchException(MediaFetchFailure.Refused, $"{prefix}'{url}' is not an absolute URL");
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new MediaFetchException(MediaFetchFailure.Refused, $"{prefix}only http and https URLs can be fetched, not {url.Scheme}");
        }

        if (url.UserInfo.Length > 0)
        {
            throw new MediaFetchException(MediaFetchFailure.Refused, $"{prefix}a URL with a user name or password in it is not fetched");
        }
    }

    private static MediaFetchException InRedirect(Uri url, MediaFetchException failure) =>
        new(failure.Failure, $"redirected to {Shown(url)}: {failure.Reason}", failure, failure.StatusCode);

    /// <summary>A URL as it may appear in a reason: without its query, which may hold a signed URL's secret.</summary>
    private static string Shown(Uri url) => url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.OriginalString;

    private static MediaFetchException Translate(HttpRequestException ex, Uri url)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is MediaFetchException own)
            {
                return own;
            }

            if (inner is OutboundConnectException connect)
            {
                return new MediaFetchException(connect.Refused ? MediaFetchFailure.Refused : MediaFetchFailure.Unreachable, connect.Message, connect);
            }
        }

        var reason = ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"could not resolve host {url.Host}",
            HttpRequestError.ConnectionError => ex.InnerException is SocketException socket
                ? $"could not connect to {url.Authority}: {OutboundConnector.Describe(socket)}"
                : $"could not connect to {url.Authority}",
            HttpRequestError.SecureConnectionError => $"could not make a secure connection to {url.Authority}: {ex.InnerException?.Message ?? ex.Message}",
            HttpRequestError.ResponseEnded => "the server closed the connection without answering",
            HttpRequestError.InvalidResponse => "the server's answer is not valid HTTP",
            _ => ex.Message,
        };
        return new MediaFetchException(MediaFetchFailure.Unreachable, reason, ex);
    }

    private static string Describe(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var phrase = response.ReasonPhrase;

        // The phrase is the server's own text and ends up in the caller's task: keep it short and printable.
        return string.IsNullOrWhiteSpace(phrase) || phrase.Length > 64 || !phrase.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '\'')
            ? $"{status}"
            : $"{status} {phrase}";
    }

    public void Dispose() => _client.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Media fetch from {Host} failed ({Failure}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string host, MediaFetchFailure failure, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Media fetch from {Host} redirected to {Target} ({Status})")]
    private static partial void LogRedirect(ILogger logger, string host, string target, int status);
}
