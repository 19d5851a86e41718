using System.Net;
using HiveOrleans.Grains.Media;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// The policy as callbacks use it (private ranges allowed) and as fetches use it (refused), and this host's own
/// addresses, refused for both. Only the policy is asked: nothing is dialled.
/// </summary>
public sealed class OutboundPurposePolicyTests
{
    // Stand-ins for this host's interfaces: one documentation-range address (as issue #12 found on eth0), one private.
    private static readonly HostAddresses Host = new(() => [IPAddress.Parse("192.0.2.10"), IPAddress.Parse("10.1.2.3"), IPAddress.Parse("2001:db8::10")], TimeSpan.FromHours(1));

    private static readonly OutboundAddressPolicy Callbacks = new([], allowPrivateNetworks: true, Host);

    private static readonly OutboundAddressPolicy Fetches = new([], allowPrivateNetworks: false, Host);

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Callbacks_may_reach_private_networks_by_default(string address)
    {
        Assert.True(Callbacks.IsAllowed(IPAddress.Parse(address)));
        Assert.False(Fetches.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.0.0.2", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address (IPv4 127.0.0.1 in IPv4-mapped form)")]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("169.254.1.1", "a link-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("0.0.0.0", "an unspecified (\"this network\") address")]
    [InlineData("::", "the unspecified address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("240.0.0.1", "a reserved address")]
    public void Callbacks_never_reach_loopback_link_local_unspecified_multicast_or_reserved_addresses(string address, string reason)
    {
        Assert.False(Callbacks.IsAllowed(IPAddress.Parse(address), out var given));
        Assert.Equal(reason, given);
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("10.1.2.3")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:192.0.2.10")]
    [InlineData("2001:db8::10")]
    public void Neither_callbacks_nor_fetches_reach_this_hosts_own_addresses(string address)
    {
        Assert.False(Callbacks.IsAllowed(IPAddress.Parse(address), out var reason));
        Assert.Equal("an address of this host", reason);
        Assert.False(Fetches.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_public_address_that_is_not_this_hosts_is_allowed_for_both()
    {
        Assert.True(Callbacks.IsAllowed(IPAddress.Parse("192.0.2.11")));
        Assert.True(Fetches.IsAllowed(IPAddress.Parse("2001:db8::11")));
    }

    [Fact]
    public void Without_private_networks_callbacks_refuse_them_too()
    {
        var policy = new OutboundAddressPolicy([], allowPrivateNetworks: false, Host);

        Assert.False(policy.IsAllowed(IPAddress.Parse("10.0.0.1"), out var reason));
        Assert.Equal("a private address", reason);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("169.254.0.0/16", "169.254.169.254")]
    public void The_allow_list_overrides_every_refusal_including_this_hosts_addresses(string entry, string address)
    {
        var policy = new OutboundAddressPolicy([entry], allowPrivateNetworks: true, Host);

        Assert.True(policy.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public void This_machines_addresses_are_read_from_its_interfaces()
    {
        // Every Linux machine has lo; the other interfaces vary, so they are checked against what the OS lists.
        Assert.True(HostAddresses.OfThisMachine.Contains(IPAddress.Loopback));
        foreach (var address in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses).Select(unicast => unicast.Address))
        {
            Assert.True(HostAddresses.OfThisMachine.Contains(address), $"{address} is this host's");
            Assert.False(new OutboundAddressPolicy([]).IsAllowed(address), $"{address} is this host's");
        }
    }

    [Fact]
    public void Host_addresses_are_read_again_after_the_refresh_interval()
    {
        var current = new[] { IPAddress.Parse("192.0.2.20") };
        var host = new HostAddresses(() => current, TimeSpan.Zero);
        Assert.True(host.Contains(IPAddress.Parse("192.0.2.20")));

        current = [IPAddress.Parse("192.0.2.21")];

        Assert.False(host.Contains(IPAddress.Parse("192.0.2.20")));
        Assert.True(host.Contains(IPAddress.Parse("192.0.2.21")));
    }
}
