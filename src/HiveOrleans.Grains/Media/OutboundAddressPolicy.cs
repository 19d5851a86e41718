using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// Which addresses the platform may connect to when it makes a request a caller chose the address of (downloading a
/// URL, delivering a callback). Anything that reaches this host, its private networks or a cloud's metadata service
/// is refused, so a caller cannot use the platform to read what only the platform can reach (server-side request
/// forgery): loopback, private (RFC 1918, unique-local), shared CGNAT, link-local (with 169.254.169.254), "this
/// network", multicast, reserved and broadcast ranges, also when an IPv6 address carries one of those IPv4 addresses
/// (IPv4-mapped, IPv4-compatible, SIIT-translated, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>), and the
/// addresses of this host's own network interfaces whatever their range. A purpose may let private ranges through
/// (callbacks do by default: a self-hosted platform's receivers usually sit on its private network). The operator's
/// allow-list overrides all of it, for servers that really are on a refused address.
/// </summary>
public sealed class OutboundAddressPolicy
{
    private readonly OutboundAddressAllowList _allowList;
    private readonly bool _allowPrivateNetworks;
    private readonly HostAddresses _hostAddresses;

    /// <summary>
    /// A policy that lets through the refused addresses <paramref name="allowList"/> names (addresses and CIDR ranges)
    /// and, when <paramref name="allowPrivateNetworks"/>, private and CGNAT ranges that are not this host's.
    /// Throws <see cref="ArgumentException"/> naming the first entry that does not parse.
    /// </summary>
    public OutboundAddressPolicy(IEnumerable<string?> allowList, bool allowPrivateNetworks = false, HostAddresses? hostAddresses = null)
    {
        _allowList = OutboundAddressAllowList.Parse(allowList);
        _allowPrivateNetworks = allowPrivateNetworks;
        _hostAddresses = hostAddresses ?? HostAddresses.OfThisMachine;
    }

    /// <summary>The parsed allow-list.</summary>
    public IReadOnlyList<IPNetwork> AllowList => _allowList.Networks;

    /// <summary>One message per allow-list entry that does not parse, each naming the entry; empty when all do.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string?> allowList) => OutboundAddressAllowList.Validate(allowList);

    public bool IsAllowed(IPAddress address) => IsAllowed(address, out _);

    /// <summary>
    /// False, with <paramref name="reason"/> saying what kind of address it is ("a loopback address"), when
    /// <paramref name="address"/> is refused.
    /// </summary>
    public bool IsAllowed(IPAddress address, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(address);
        reason = Classify(address);
        if (reason is not null && _allowPrivateNetworks && IsPrivate(address))
        {
            reason = null;
        }

        // Checked after the classes: the host's eth0 address is often a private one, and private may be allowed.
        if (reason is null && _hostAddresses.Contains(address))
        {
            reason = "an address of this host";
        }

        if (reason is null || _allowList.Contains(address))
        {
            reason = null;
            return true;
        }

        // An operator who allows 10.0.0.0/8 also means the same hosts written the IPv6 way.
        if (EmbeddedIPv4(address, out var v4, out _) && _allowList.Contains(v4))
        {
            reason = null;
            return true;
        }

        return false;
    }

    /// <summary>What kind of refused address <paramref name="address"/> is, or null when it is an ordinary public one.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyIPv4(bytes[..length]);
        }

        if (EmbeddedIPv4(address, out var v4, out var form))
        {
            Span<byte> inner = stackalloc byte[4];
            v4.TryWriteBytes(inner, out _);
            var kind = ClassifyIPv4(inner);
            return kind is null ? null : $"{kind} (IPv4 {v4} {form})";
        }

        return ClassifyIPv6(bytes);
    }

    /// <summary>
    /// Whether <paramref name="address"/> is in a private range (RFC 1918, unique-local <c>fc00::/7</c>) or shared
    /// CGNAT <c>100.64.0.0/10</c>, also in the IPv6 forms of those IPv4 addresses.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (EmbeddedIPv4(address, out var v4, out _))
        {
            address = v4;
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? b switch
            {
                [10, ..] => true,
                [100, var x, ..] when (x & 0xC0) == 64 => true,
                [172, var x, ..] when (x & 0xF0) == 16 => true,
                [192, 168, ..] => true,
                _ => false,
            }
            : (b[0] & 0xFE) == 0xFC;
    }

    private static string? ClassifyIPv4(ReadOnlySpan<byte> b) => b switch
    {
        [0, ..] => "an unspecified (\"this network\") address",
        [10, ..] => "a private address",
        [100, var x, ..] when (x & 0xC0) == 64 => "a shared (carrier-grade NAT) address",
        [127, ..] => "a loopback address",
        [169, 254, 169, 254] => "the cloud metadata address",
        [169, 254, ..] => "a link-local address",
        [172, var x, ..] when (x & 0xF0) == 16 => "a private address",
        [192, 168, ..] => "a private address",
        [>= 224 and <= 239, ..] => "a multicast address",
        [255, 255, 255, 255] => "the broadcast address",
        [>= 240, ..] => "a reserved address",
        _ => null,
    };

    private static string? ClassifyIPv6(ReadOnlySpan<byte> b)
    {
        if (b[..15].IndexOfAnyExcept((byte)0) < 0)
        {
            return b[15] switch
            {
                0 => "the unspecified address",
                1 => "a loopback address",
                _ => null,
            };
        }

        return b switch
        {
            [var x, ..] when (x & 0xFE) == 0xFC => "a private (unique local) address",
            [0xFE, var x, ..] when (x & 0xC0) == 0x80 => "a link-local address",
            [0xFE, var x, ..] when (x & 0xC0) == 0xC0 => "a site-local address",
            [0xFF, ..] => "a multicast address",
            _ => null,
        };
    }

    /// <summary>The IPv4 address an IPv6 address stands for, in the forms a connection can end up at that IPv4 host.</summary>
    internal static bool EmbeddedIPv4(IPAddress address, [NotNullWhen(true)] out IPAddress? v4, [NotNullWhen(true)] out string? form)
    {
        v4 = null;
        form = null;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        var zeroHead = b[..10].IndexOfAnyExcept((byte)0) < 0;
        if (zeroHead && b[10] == 0xFF && b[11] == 0xFF)
        {
            form = "in IPv4-mapped form";
        }
        else if (b[..8].IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            form = "in IPv4-translated form";
        }
        else if (b[..12].IndexOfAnyExcept((byte)0) < 0 && (b[12..15].IndexOfAnyExcept((byte)0) >= 0 || b[15] > 1))
        {
            // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 themselves are IPv6's own.
            form = "in IPv4-compatible form";
        }
        else if (b[..12].SequenceEqual(Nat64Prefix))
        {
            form = "behind the NAT64 prefix 64:ff9b::/96";
        }
        else if (b[0] == 0x20 && b[1] == 0x02)
        {
            v4 = new IPAddress(b[2..6]);
            form = "in a 6to4 address";
            return true;
        }
        else
        {
            return false;
        }

        v4 = new IPAddress(b[12..16]);
        return true;
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0];
}
