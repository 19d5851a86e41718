using System.Net;
using System.Net.Sockets;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// The one way the platform connects to an address a caller chose: a <see cref="SocketsHttpHandler.ConnectCallback"/>
/// that resolves the host itself and dials only addresses its <see cref="OutboundAddressPolicy"/> allows, so the
/// check is on the address actually dialled (no second lookup can answer differently: DNS rebinding), and every
/// connection the handler makes, redirect hops included, goes through it. Handlers that use it must not use a proxy,
/// or the check would see the proxy's address instead of the destination's.
/// </summary>
public sealed class OutboundConnector
{
    private readonly OutboundAddressPolicy _policy;
    private readonly string _refusedSuffix;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>> _connect;

    /// <param name="policy">What may be dialled.</param>
    /// <param name="purpose">Named in a refusal ("callbacks": "… which is not allowed for callbacks"), or null.</param>
    /// <param name="resolve">How host names are resolved (tests resolve names to addresses of their choice).</param>
    /// <param name="connect">How an allowed address is connected to (tests record and fence what is dialled).</param>
    public OutboundConnector(
        OutboundAddressPolicy policy,
        string? purpose = null,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _refusedSuffix = purpose is null ? "" : $" for {purpose}";
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
        _connect = connect ?? ConnectSocketAsync;
    }

    public OutboundAddressPolicy Policy => _policy;

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
    }

    /// <summary>
    /// Resolves <paramref name="host"/>, drops what the policy refuses and tries the rest in order. Throws
    /// <see cref="OutboundConnectException"/> (with <see cref="OutboundConnectException.Refused"/> when every address
    /// was refused and none dialled).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var literal = IPAddress.TryParse(host.AsSpan().Trim("[]"), out var parsed);
        var candidates = literal ? [parsed!] : await ResolveAsync(host, cancellationToken).ConfigureAwait(false);

        var allowed = new List<IPAddress>(candidates.Length);
        var refused = new List<(IPAddress Address, string Reason)>();
        foreach (var address in candidates)
        {
            if (_policy.IsAllowed(address, out var reason))
            {
                allowed.Add(address);
            }
            else
            {
                refused.Add((address, reason));
            }
        }

        if (allowed.Count == 0)
        {
            throw new OutboundConnectException(DescribeRefusal(host, literal, refused, _refusedSuffix), refused: true);
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var endpoint = new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port);
            try
            {
                return await _connect(endpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                last = ex;
            }
        }

        throw new OutboundConnectException($"could not connect to {host}:{port}: {Describe(last!)}", refused: false, last);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            throw new OutboundConnectException($"could not resolve host {host}", refused: false, ex);
        }

        return addresses.Length > 0
            ? addresses
            : throw new OutboundConnectException($"could not resolve host {host}", refused: false);
    }

    internal static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string DescribeRefusal(string host, bool literal, List<(IPAddress Address, string Reason)> refused, string suffix)
    {
        if (literal)
        {
            return $"{refused[0].Address} is {refused[0].Reason}, which is not allowed{suffix}";
        }

        if (refused.Count == 1)
        {
            return $"{host} resolves to {refused[0].Address}, {refused[0].Reason}, which is not allowed{suffix}";
        }

        var all = string.Join(", ", refused.Select(r => $"{r.Address} ({r.Reason})"));
        return $"{host} resolves only to addresses that are not allowed{suffix}: {all}";
    }

    internal static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        _ => ex.Message,
    };
}
