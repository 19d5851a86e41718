using System.Net;
using System.Net.Sockets;
using HiveOrleans.Grains.Media;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Media;

public sealed class FetchAddressTests
{
    [Fact]
    public async Task Localhost_is_refused_without_an_allow_list_and_nothing_is_connected_to()
    {
        await using var server = await FetchTestServer.StartAsync(FetchTestServer.Bytes([1]));
        using var harness = new FetchHarness([]);

        var failure = await harness.FailureAsync(new Uri($"http://localhost:{server.Port}/"));

        Assert.Equal(MediaFetchFailure.Refused, failure.Failure);
        Assert.StartsWith("localhost resolves ", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("a loopback address", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(harness.Connections);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_reason_names_the_host_the_address_and_its_kind()
    {
        using var harness = new FetchHarness([], resolve: (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));

        var failure = await harness.FailureAsync(new Uri("http://localhost:8080/a.jpg"));

        Assert.Equal("localhost resolves to 127.0.0.1, a loopback address, which is not allowed", failure.Reason);
    }

    [Fact]
    public async Task A_loopback_address_literal_is_refused_without_an_allow_list()
    {
        await using var server = await FetchTestServer.StartAsync(FetchTestServer.Bytes([1]));
        using var harness = new FetchHarness([]);

        var failure = await harness.FailureAsync(server.Url());

        Assert.Equal("127.0.0.1 is a loopback address, which is not allowed", failure.Reason);
        Assert.Empty(harness.Connections);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("http://10.0.0.1/x", "10.0.0.1 is a private address, which is not allowed")]
    [InlineData("http://192.168.1.1/", "192.168.1.1 is a private address, which is not allowed")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is the cloud metadata address, which is not allowed")]
    [InlineData("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 is a loopback address (IPv4 127.0.0.1 in IPv4-mapped form), which is not allowed")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254 is a private (unique local) address, which is not allowed")]
    public async Task A_private_address_literal_is_refused_before_any_connection(string url, string reason)
    {
        using var harness = new FetchHarness([]);

        var failure = await harness.FailureAsync(new Uri(url));

        Assert.Equal(MediaFetchFailure.Refused, failure.Failure);
        Assert.Equal(reason, failure.Reason);
        Assert.Empty(harness.Connections);
    }

    [Fact]
    public async Task A_name_that_resolves_only_to_refused_addresses_lists_them_all()
    {
        using var harness = new FetchHarness(
            [], resolve: (_, _) => Task.FromResult(new[] { IPAddress.IPv6Loopback, IPAddress.Parse("10.1.2.3") }));

        var failure = await harness.FailureAsync(new Uri("https://media.example/a.png"));

        Assert.Equal(
            "media.example resolves only to addresses that are not allowed: ::1 (a loopback address), 10.1.2.3 (a private address)",
            failure.Reason);
        Assert.Empty(harness.Connections);
    }

    [Theory]
    [InlineData("http://192.0.2.10/a.png", "192.0.2.10 is an address of this host, which is not allowed")]
    [InlineData("http://media.example/a.png", "media.example resolves to 192.0.2.10, an address of this host, which is not allowed")]
    public async Task An_address_of_this_host_is_refused_whatever_its_range(string url, string reason)
    {
        // Issue #12: a documentation-range address on eth0, and a name resolving to it, were fetched.
        var host = new HostAddresses(() => [IPAddress.Parse("192.0.2.10")], TimeSpan.FromHours(1));
        using var harness = new FetchHarness([], resolve: (_, _) => Task.FromResult(new[] { IPAddress.Parse("192.0.2.10") }), hostAddresses: host);

        var failure = await harness.FailureAsync(new Uri(url));

        Assert.Equal(MediaFetchFailure.Refused, failure.Failure);
        Assert.Equal(reason, failure.Reason);
        Assert.Empty(harness.Connections);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_fails_saying_so()
    {
        using var harness = new FetchHarness(
            [], resolve: (_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)));

        var failure = await harness.FailureAsync(new Uri("http://nowhere.example/a.png"));

        Assert.Equal(MediaFetchFailure.Unreachable, failure.Failure);
        Assert.Equal("could not resolve host nowhere.example", failure.Reason);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_fails_with_connection_refused()
    {
        var port = FreeTcpPort.Next();
        using var harness = new FetchHarness(["127.0.0.1"]);

        var failure = await harness.FailureAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(MediaFetchFailure.Unreachable, failure.Failure);
        Assert.Equal($"could not connect to 127.0.0.1:{port}: connection refused", failure.Reason);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "only http and https URLs can be fetched, not file")]
    [InlineData("ftp://media.example/a.png", "only http and https URLs can be fetched, not ftp")]
    [InlineData("gopher://media.example:70/", "only http and https URLs can be fetched, not gopher")]
    [InlineData("http://user:secret@media.example/a.png", "a URL with a user name or password in it is not fetched")]
    public async Task Urls_the_fetcher_does_not_take_are_refused_before_any_io(string url, string reason)
    {
        var resolved = false;
        using var harness = new FetchHarness(
            ["127.0.0.1"],
            resolve: (_, _) =>
            {
                resolved = true;
                return Task.FromResult(new[] { IPAddress.Loopback });
            });

        var failure = await harness.FailureAsync(new Uri(url));

        Assert.Equal(MediaFetchFailure.Refused, failure.Failure);
        Assert.Equal(reason, failure.Reason);
        Assert.False(resolved);
        Assert.Empty(harness.Connections);
    }
}
