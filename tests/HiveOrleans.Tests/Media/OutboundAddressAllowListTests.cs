using System.ComponentModel.DataAnnotations;
using System.Net;
using HiveOrleans.Grains.Media;

namespace HiveOrleans.Tests.Media;

public sealed class OutboundAddressAllowListTests
{
    [Fact]
    public void Addresses_and_cidr_ranges_of_both_families_parse()
    {
        var policy = new OutboundAddressPolicy(["10.0.0.0/8", " 192.168.1.10 ", "172.16.0.0/12", "fd00::/8", "::1", "2001:db8::/32", "0.0.0.0/0"]);

        Assert.Equal(
            ["10.0.0.0/8", "192.168.1.10/32", "172.16.0.0/12", "fd00::/8", "::1/128", "2001:db8::/32", "0.0.0.0/0"],
            policy.AllowList.Select(network => network.ToString()));
        Assert.Empty(OutboundAddressPolicy.Validate(["10.0.0.0/8", "fd00::/8"]));
    }

    [Theory]
    [InlineData("localhost", "is not an IP address or CIDR range")]
    [InlineData("10.1", "is not an IP address or CIDR range")]
    [InlineData("010.0.0.1", "is not an IP address or CIDR range")]
    [InlineData("300.1.1.1", "is not an IP address or CIDR range")]
    [InlineData("10.0.0.0.0", "is not an IP address or CIDR range")]
    [InlineData("/8", "is not an IP address or CIDR range")]
    [InlineData("[::1]", "is not an IP address or CIDR range")]
    [InlineData("fe80::1%eth0", "is not an IP address or CIDR range")]
    [InlineData("10.0.0.0/", "has prefix length ''; an IPv4 range takes a whole number from 0 to 32")]
    [InlineData("10.0.0.0/33", "has prefix length '33'; an IPv4 range takes a whole number from 0 to 32")]
    [InlineData("10.0.0.0/-1", "has prefix length '-1'; an IPv4 range takes a whole number from 0 to 32")]
    [InlineData("10.0.0.0/8/8", "has prefix length '8/8'; an IPv4 range takes a whole number from 0 to 32")]
    [InlineData("fd00::/129", "has prefix length '129'; an IPv6 range takes a whole number from 0 to 128")]
    [InlineData("10.0.0.1/8", "has bits set after its /8 prefix; write 10.0.0.0/8 for the range, or the address alone")]
    [InlineData("fd00::1/8", "has bits set after its /8 prefix; write fd00::/8 for the range, or the address alone")]
    public void A_bad_entry_is_refused_with_the_entry_named(string entry, string problem)
    {
        var thrown = Assert.Throws<ArgumentException>(() => new OutboundAddressPolicy(["127.0.0.1", entry]));

        Assert.StartsWith($"allow-list entry '{entry}' {problem}", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(thrown.Message, $"{Assert.Single(OutboundAddressPolicy.Validate(["127.0.0.1", entry]))} (Parameter 'entries')");
    }

    [Fact]
    public void An_empty_entry_is_refused_with_its_position()
    {
        Assert.Equal(["allow-list entry 2 is empty"], OutboundAddressPolicy.Validate(["127.0.0.1", " "]));
    }

    [Fact]
    public void Options_validation_reports_every_bad_entry_under_its_key()
    {
        var options = new MediaFetchOptions();
        options.FetchAllowList.AddRange(["10.0.0.0/8", "nope", "10.0.0.1/8"]);
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(
            [
                "HiveOrleans:Media:FetchAllowList: allow-list entry 'nope' is not an IP address or CIDR range (write e.g. 192.168.1.10, 10.0.0.0/8 or fd00::/8)",
                "HiveOrleans:Media:FetchAllowList: allow-list entry '10.0.0.1/8' has bits set after its /8 prefix; write 10.0.0.0/8 for the range, or the address alone",
            ],
            results.Select(result => result.ErrorMessage));
    }

    [Fact]
    public void Default_options_are_valid_and_allow_no_internal_address()
    {
        var options = new MediaFetchOptions();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.Equal(30, options.FetchTimeoutSeconds);
        Assert.Equal(5, options.MaxRedirects);
        Assert.False(new OutboundAddressPolicy(options.FetchAllowList).IsAllowed(IPAddress.Loopback));
    }
}
