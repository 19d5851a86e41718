using System.Net;
using HiveOrleans.Grains.Media;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// The connector callbacks and fetches share: refusals name the address and the purpose and dial nothing, whatever
/// spelling of the address the URL used.
/// </summary>
public sealed class OutboundConnectorTests
{
    private readonly List<IPEndPoint> _dialled = [];

    [Theory]
    [InlineData("http://127.0.0.1:9/", "127.0.0.1 is a loopback address, which is not allowed for callbacks")]
    [InlineData("http://2130706433:9/", "127.0.0.1 is a loopback address, which is not allowed for callbacks")]
    [InlineData("http://0x7f000001:9/", "127.0.0.1 is a loopback address, which is not allowed for callbacks")]
    [InlineData("http://0177.0.0.1:9/", "127.0.0.1 is a loopback address, which is not allowed for callbacks")]
    [InlineData("http://127.1:9/", "127.0.0.1 is a loopback address, which is not allowed for callbacks")]
    [InlineData("http://[::1]:9/", "::1 is a loopback address, which is not allowed for callbacks")]
    [InlineData("http://[::ffff:7f00:1]:9/", "::ffff:127.0.0.1 is a loopback address (IPv4 127.0.0.1 in IPv4-mapped form), which is not allowed for callbacks")]
    [InlineData("http://169.254.169.254/latest/", "169.254.169.254 is the cloud metadata address, which is not allowed for callbacks")]
    [InlineData("http://0.0.0.0:9/", "0.0.0.0 is an unspecified (\"this network\") address, which is not allowed for callbacks")]
    [InlineData("http://[::]:9/", ":: is the unspecified address, which is not allowed for callbacks")]
    [InlineData("http://224.0.0.251:9/", "224.0.0.251 is a multicast address, which is not allowed for callbacks")]
    [InlineData("http://[fe80::1]:9/", "fe80::1 is a link-local address, which is not allowed for callbacks")]
    public async Task A_refused_address_in_any_spelling_is_never_dialled(string url, string reason)
    {
        var connector = Connector(resolve: (_, _) => throw new InvalidOperationException("a literal is not resolved"));

        var refused = await Assert.ThrowsAsync<OutboundConnectException>(() => ConnectAsync(connector, new Uri(url)));

        Assert.True(refused.Refused);
        Assert.Equal(reason, refused.Message);
        Assert.Empty(_dialled);
    }

    [Fact]
    public async Task A_name_that_resolves_only_to_refused_addresses_is_never_dialled()
    {
        var connector = Connector(resolve: (_, _) => Task.FromResult(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }));

        var refused = await Assert.ThrowsAsync<OutboundConnectException>(() => ConnectAsync(connector, new Uri("http://receiver.example/hook")));

        Assert.True(refused.Refused);
        Assert.Equal(
            "receiver.example resolves only to addresses that are not allowed for callbacks: 127.0.0.1 (a loopback address), ::1 (a loopback address)",
            refused.Message);
        Assert.Empty(_dialled);
    }

    [Fact]
    public async Task Of_a_names_addresses_only_the_allowed_ones_are_dialled()
    {
        var connector = Connector(resolve: (_, _) => Task.FromResult(new[] { IPAddress.Parse("169.254.169.254"), IPAddress.Parse("10.0.0.7") }));

        var failed = await Assert.ThrowsAsync<OutboundConnectException>(() => ConnectAsync(connector, new Uri("http://receiver.example:8080/hook")));

        Assert.False(failed.Refused);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.0.0.7"), 8080)], _dialled);
    }

    private OutboundConnector Connector(Func<string, CancellationToken, Task<IPAddress[]>> resolve) =>
        new(
            new OutboundAddressPolicy([], allowPrivateNetworks: true, new HostAddresses(() => [], TimeSpan.FromHours(1))),
            purpose: "callbacks",
            resolve,
            (endpoint, _) =>
            {
                // Recorded and refused: nothing here may leave this machine.
                _dialled.Add(endpoint);
                throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
            });

    /// <summary>The host as SocketsHttpHandler hands it to the connect callback: the URI's normalised host.</summary>
    private static async Task ConnectAsync(OutboundConnector connector, Uri url)
    {
        await using var stream = await connector.ConnectAsync(url.IdnHost, url.Port, CancellationToken.None);
    }
}
