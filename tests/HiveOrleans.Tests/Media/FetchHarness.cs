using System.Collections.Concurrent;
using System.Net;
using HiveOrleans.Grains.Media;
using Microsoft.Extensions.Logging.Abstractions;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// A <see cref="MediaFetcher"/> whose connections are recorded, and refused outright if one would leave this
/// machine: a test proves "refused before connecting" by the record, and cannot reach a real private network even
/// if the code under test were wrong.
/// </summary>
internal sealed class FetchHarness : IDisposable
{
    public FetchHarness(
        string[] allowList,
        int timeoutSeconds = 10,
        int maxRedirects = 5,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null,
        HostAddresses? hostAddresses = null)
    {
        var options = new MediaFetchOptions { FetchTimeoutSeconds = timeoutSeconds, MaxRedirects = maxRedirects };
        options.FetchAllowList.AddRange(allowList);
        Fetcher = new MediaFetcher(options, NullLogger.Instance, resolve ?? Dns.GetHostAddressesAsync, ConnectAsync, hostAddresses);
    }

    public MediaFetcher Fetcher { get; }

    /// <summary>Every address the fetcher asked to connect to.</summary>
    public ConcurrentQueue<IPEndPoint> Connections { get; } = new();

    public Task<(byte[] Body, FetchedResponse Response)> GetBytesAsync(Uri url, long maxBytes = 1 << 20) =>
        Fetcher.FetchAsync(
            url,
            maxBytes,
            async (body, response, cancellationToken) =>
            {
                using var copy = new MemoryStream();
                await body.CopyToAsync(copy, cancellationToken);
                return (copy.ToArray(), response);
            },
            CancellationToken.None);

    public Task<MediaFetchException> FailureAsync(Uri url, long maxBytes = 1 << 20) =>
        Assert.ThrowsAsync<MediaFetchException>(() => GetBytesAsync(url, maxBytes));

    public void Dispose() => Fetcher.Dispose();

    private ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Connections.Enqueue(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new InvalidOperationException($"A test tried to connect to {endpoint}, off this machine.");
        }

        return OutboundConnector.ConnectSocketAsync(endpoint, cancellationToken);
    }
}
