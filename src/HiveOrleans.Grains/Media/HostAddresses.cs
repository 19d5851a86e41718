using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// The unicast addresses of this machine's own network interfaces, so <see cref="OutboundAddressPolicy"/> can refuse
/// a request to the host itself however the address is classed (a public or documentation-range address on eth0 is
/// the host's too). Read again when older than the refresh interval, because interfaces come and go (DHCP, a
/// container's network joining later); reading them takes about a millisecond, once per interval at most.
/// </summary>
public sealed class HostAddresses
{
    private static readonly TimeSpan DefaultRefresh = TimeSpan.FromSeconds(30);

    private readonly Func<IEnumerable<IPAddress>> _enumerate;
    private readonly long _refreshMilliseconds;
    private readonly Lock _refreshing = new();
    private volatile HashSet<IPAddress> _addresses = [];
    private long _readAt = long.MinValue;

    /// <summary>For tests: the addresses come from <paramref name="enumerate"/> instead of the machine.</summary>
    internal HostAddresses(Func<IEnumerable<IPAddress>> enumerate, TimeSpan refresh)
    {
        _enumerate = enumerate;
        _refreshMilliseconds = (long)refresh.TotalMilliseconds;
    }

    /// <summary>This machine's interfaces, refreshed every 30 seconds.</summary>
    public static HostAddresses OfThisMachine { get; } = new(EnumerateInterfaces, DefaultRefresh);

    /// <summary>True when <paramref name="address"/> (in any IPv4-in-IPv6 form) is one of this host's own.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var addresses = Current();
        if (addresses.Contains(Normalized(address)))
        {
            return true;
        }

        return OutboundAddressPolicy.EmbeddedIPv4(address, out var v4, out _) && addresses.Contains(v4);
    }

    private HashSet<IPAddress> Current()
    {
        var now = Environment.TickCount64;
        if (!IsStale(now))
        {
            return _addresses;
        }

        lock (_refreshing)
        {
            if (IsStale(now))
            {
                _addresses = [.. _enumerate().Select(Normalized)];
                Interlocked.Exchange(ref _readAt, now);
            }

            return _addresses;
        }
    }

    private bool IsStale(long now)
    {
        var readAt = Interlocked.Read(ref _readAt);
        return readAt == long.MinValue || now - readAt >= _refreshMilliseconds;
    }

    /// <summary>IPv4-mapped as IPv4, and IPv6 without its scope (a zone says which link, not which host).</summary>
    private static IPAddress Normalized(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4()
        : address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes())
        : address;

    private static IEnumerable<IPAddress> EnumerateInterfaces()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address)
                .ToArray();
        }
        catch (NetworkInformationException)
        {
            // Loopback, link-local and the like are refused by class anyway; an unreadable interface list leaves only
            // the host's routable addresses unchecked until the next refresh.
            return [];
        }
    }
}
