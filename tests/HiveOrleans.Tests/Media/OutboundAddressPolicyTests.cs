using System.Net;
using HiveOrleans.Grains.Media;

namespace HiveOrleans.Tests.Media;

public sealed class OutboundAddressPolicyTests
{
    private static readonly OutboundAddressPolicy Default = new([]);

    [Theory]
    [InlineData("10.0.0.1", "a private address")]
    [InlineData("10.255.255.255", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.254", "a private address")]
    [InlineData("192.168.0.1", "a private address")]
    [InlineData("192.168.255.255", "a private address")]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.0.9", "a loopback address")]
    [InlineData("169.254.0.1", "a link-local address")]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("0.0.0.0", "an unspecified (\"this network\") address")]
    [InlineData("0.1.2.3", "an unspecified (\"this network\") address")]
    [InlineData("100.64.0.1", "a shared (carrier-grade NAT) address")]
    [InlineData("100.127.255.255", "a shared (carrier-grade NAT) address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("239.255.255.250", "a multicast address")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("240.0.0.1", "a reserved address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::", "the unspecified address")]
    [InlineData("fc00::1", "a private (unique local) address")]
    [InlineData("fdff:ffff::1", "a private (unique local) address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("febf::1", "a link-local address")]
    [InlineData("fec0::1", "a site-local address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address (IPv4 127.0.0.1 in IPv4-mapped form)")]
    [InlineData("::ffff:10.0.0.1", "a private address (IPv4 10.0.0.1 in IPv4-mapped form)")]
    [InlineData("::ffff:169.254.169.254", "the cloud metadata address (IPv4 169.254.169.254 in IPv4-mapped form)")]
    [InlineData("::ffff:0:192.168.1.1", "a private address (IPv4 192.168.1.1 in IPv4-translated form)")]
    [InlineData("::127.0.0.1", "a loopback address (IPv4 127.0.0.1 in IPv4-compatible form)")]
    [InlineData("::10.0.0.1", "a private address (IPv4 10.0.0.1 in IPv4-compatible form)")]
    [InlineData("64:ff9b::10.0.0.1", "a private address (IPv4 10.0.0.1 behind the NAT64 prefix 64:ff9b::/96)")]
    [InlineData("64:ff9b::a9fe:a9fe", "the cloud metadata address (IPv4 169.254.169.254 behind the NAT64 prefix 64:ff9b::/96)")]
    [InlineData("2002:7f00:1::", "a loopback address (IPv4 127.0.0.1 in a 6to4 address)")]
    public void Refuses_each_kind_of_internal_address_and_says_which(string address, string reason)
    {
        Assert.False(Default.IsAllowed(IPAddress.Parse(address), out var given));
        Assert.Equal(reason, given);
        Assert.False(Default.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::")]
    [InlineData("fbff:ffff::1")]
    public void Lets_public_addresses_through(string address)
    {
        Assert.True(Default.IsAllowed(IPAddress.Parse(address), out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("10.0.0.0/8", "10.20.30.40")]
    [InlineData("169.254.169.254", "169.254.169.254")]
    [InlineData("fd00::/8", "fd12::7")]
    [InlineData("::1", "::1")]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.1")]
    [InlineData("10.0.0.0/8", "64:ff9b::10.1.1.1")]
    [InlineData("0.0.0.0/0", "192.168.1.1")]
    public void The_allow_list_lets_named_internal_addresses_through(string entry, string address)
    {
        var policy = new OutboundAddressPolicy([entry]);

        Assert.True(policy.IsAllowed(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.2")]
    [InlineData("127.0.0.1", "::1")]
    [InlineData("10.0.0.0/16", "10.1.0.1")]
    [InlineData("fd00::/16", "fd01::1")]
    [InlineData("192.168.1.10", "10.0.0.1")]
    public void The_allow_list_lets_through_nothing_it_does_not_name(string entry, string address)
    {
        var policy = new OutboundAddressPolicy([entry]);

        Assert.False(policy.IsAllowed(IPAddress.Parse(address)));
    }
}
