using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// The operator's exceptions to <see cref="OutboundAddressPolicy"/>: single addresses (<c>192.168.1.10</c>,
/// <c>fd00::5</c>) and CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>). Parsing is strict on purpose: the lenient
/// forms <see cref="IPAddress.Parse(string)"/> takes (<c>10.1</c> for 10.0.0.1, <c>010.0.0.1</c> for 8.0.0.1) or a
/// range with bits past its prefix (<c>10.0.0.1/8</c>) usually mean the operator meant something else, and an
/// allow-list is the wrong place to guess.
/// </summary>
internal sealed class OutboundAddressAllowList
{
    private readonly IPNetwork[] _networks;

    private OutboundAddressAllowList(IPNetwork[] networks) => _networks = networks;

    public IReadOnlyList<IPNetwork> Networks => _networks;

    /// <summary>Parses every entry; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public static OutboundAddressAllowList Parse(IEnumerable<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IPNetwork>();
        var position = 0;
        foreach (var entry in entries)
        {
            position++;
            if (!TryParseEntry(entry, position, out var network, out var error))
            {
                throw new ArgumentException(error, nameof(entries));
            }

            networks.Add(network);
        }

        return new OutboundAddressAllowList([.. networks]);
    }

    /// <summary>One message per bad entry, each naming it; empty when every entry parses.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var errors = new List<string>();
        var position = 0;
        foreach (var entry in entries)
        {
            position++;
            if (!TryParseEntry(entry, position, out _, out var error))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    public bool Contains(IPAddress address)
    {
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool TryParseEntry(string? entry, int position, out IPNetwork network, [NotNullWhen(false)] out string? error)
    {
        network = default;
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = $"allow-list entry {position} is empty";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var address))
        {
            error = $"allow-list entry '{text}' is not an IP address or CIDR range (write e.g. 192.168.1.10, 10.0.0.0/8 or fd00::/8)";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (!IsDecimal(prefixText, maxLength: 3) || (prefix = int.Parse(prefixText, CultureInfo.InvariantCulture)) > maxPrefix)
            {
                var family = maxPrefix == 32 ? "an IPv4" : "an IPv6";
                error = $"allow-list entry '{text}' has prefix length '{prefixText}'; {family} range takes a whole number from 0 to {maxPrefix}";
                return false;
            }
        }

        var masked = Mask(address, prefix);
        if (!masked.Equals(address))
        {
            error = $"allow-list entry '{text}' has bits set after its /{prefix} prefix; write {masked}/{prefix} for the range, or the address alone";
            return false;
        }

        network = new IPNetwork(address, prefix);
        error = null;
        return true;
    }

    /// <summary>Dotted-quad IPv4 with four decimal parts and no leading zeros, or IPv6 without a zone or brackets.</summary>
    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return text.AsSpan().IndexOfAny('%', '[', ']') < 0
                && IPAddress.TryParse(text, out address)
                && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
        {
            var part = parts[i];
            if (!IsDecimal(part, maxLength: 3) || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var value = int.Parse(part, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static bool IsDecimal(string text, int maxLength) =>
        text.Length is > 0 && text.Length <= maxLength && text.All(char.IsAsciiDigit);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
