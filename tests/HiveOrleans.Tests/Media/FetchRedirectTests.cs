using System.Globalization;
using System.Net;
using HiveOrleans.Grains.Media;
using Microsoft.AspNetCore.Http;

namespace HiveOrleans.Tests.Media;

public sealed class FetchRedirectTests
{
    private static readonly string[] Loopback = ["127.0.0.1"];

    [Theory]
    [InlineData("http://10.0.0.1/x", "redirected to http://10.0.0.1/x: 10.0.0.1 is a private address, which is not allowed")]
    [InlineData("http://192.168.1.1/", "redirected to http://192.168.1.1/: 192.168.1.1 is a private address, which is not allowed")]
    [InlineData("http://169.254.169.254/latest/meta-data/?x=1", "redirected to http://169.254.169.254/latest/meta-data/: 169.254.169.254 is the cloud metadata address, which is not allowed")]
    [InlineData("http://[::1]/", "redirected to http://[::1]/: ::1 is a loopback address, which is not allowed")]
    public async Task A_redirect_from_an_allowed_server_to_a_refused_address_connects_nowhere_else(string target, string reason)
    {
        await using var server = await FetchTestServer.StartAsync(FetchTestServer.Redirect(target));
        using var harness = new FetchHarness(Loopback);

        var failure = await harness.FailureAsync(server.Url("/a.png"));

        Assert.Equal(MediaFetchFailure.Refused, failure.Failure);
        Assert.Equal(reason, failure.Reason);
        Assert.All(harness.Connections, endpoint => Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), endpoint));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_name_resolving_to_a_refused_address_is_refused_after_resolution()
    {
        await using var server = await FetchTestServer.StartAsync(FetchTestServer.Redirect("http://internal.example/admin"));
        using var harness = new FetchHarness(
            Loopback,
            resolve: (host, _) => Task.FromResult(host == "internal.example" ? [IPAddress.Parse("10.0.0.1")] : new[] { IPAddress.Loopback }));

        var failure = await harness.FailureAsync(server.Url());

        Assert.Equal(
            "redirected to http://internal.example/admin: internal.example resolves to 10.0.0.1, a private address, which is not allowed",
            failure.Reason);
        Assert.All(harness.Connections, endpoint => Assert.Equal(IPAddress.Loopback, endpoint.Address));
    }

    [Fact]
    public async Task Relative_redirects_within_the_limit_are_followed_and_the_final_url_reported()
    {
        await using var server = await FetchTestServer.StartAsync(Chain(stopAt: 3, [9, 8, 7]));
        using var harness = new FetchHarness(Loopback, maxRedirects: 3);

        var (body, response) = await harness.GetBytesAsync(server.Url("/hop/0"));

        Assert.Equal([9, 8, 7], body);
        Assert.Equal(server.Url("/hop/3"), response.FinalUrl);
        Assert.Equal(["/hop/0", "/hop/1", "/hop/2", "/hop/3"], server.Requests);
    }

    [Fact]
    public async Task A_chain_of_redirects_over_the_limit_fails()
    {
        await using var server = await FetchTestServer.StartAsync(Chain(stopAt: int.MaxValue, []));
        using var harness = new FetchHarness(Loopback, maxRedirects: 3);

        var failure = await harness.FailureAsync(server.Url("/hop/0"));

        Assert.Equal(MediaFetchFailure.TooManyRedirects, failure.Failure);
        Assert.Equal("redirected more than 3 times", failure.Reason);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        await using var server = await FetchTestServer.StartAsync(FetchTestServer.Redirect("ftp://127.0.0.1/a.png"));
        using var harness = new FetchHarness(Loopback);

        var failure = await harness.FailureAsync(server.Url());

        Assert.Equal(MediaFetchFailure.Refused, failure.Failure);
        Assert.Equal("redirected to ftp://127.0.0.1/a.png, but only http and https URLs can be fetched, not ftp", failure.Reason);
    }

    [Fact]
    public async Task A_redirect_target_that_answers_404_says_where_it_was_redirected()
    {
        await using var server = await FetchTestServer.StartAsync((context, _) =>
        {
            if (context.Request.Path.Value == "/old")
            {
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = "/new";
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            return Task.CompletedTask;
        });
        using var harness = new FetchHarness(Loopback);

        var failure = await harness.FailureAsync(server.Url("/old"));

        Assert.Equal(MediaFetchFailure.HttpStatus, failure.Failure);
        Assert.Equal($"redirected to {server.Url("/new")}: the server answered 404 Not Found", failure.Reason);
    }

    /// <summary>/hop/n redirects to /hop/n+1 (a relative Location) until n reaches <paramref name="stopAt"/>.</summary>
    private static Func<HttpContext, CancellationToken, Task> Chain(int stopAt, byte[] body) =>
        async (context, cancellationToken) =>
        {
            var hop = int.Parse(context.Request.Path.Value![(context.Request.Path.Value!.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
            if (hop < stopAt)
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = $"/hop/{hop + 1}";
                return;
            }

            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, cancellationToken);
        };
}
