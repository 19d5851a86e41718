using System.Net;
using System.Text.RegularExpressions;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Docs;

/// <summary>
/// The API reference page loads its viewer from this gateway only, and its one inline script is allowed by a nonce
/// made for that response alone; the rest of the policy is the one every page has.
/// </summary>
public sealed partial class ApiReferenceTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    [Fact]
    public async Task The_reference_page_runs_scripts_of_this_origin_and_of_its_own_nonce_only()
    {
        using var response = await gateway.Client.GetAsync("/docs/api/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Nonce().Match(policy).Groups["nonce"].Value;
        Assert.NotEmpty(nonce);
        Assert.Equal(HiveOrleans.Gateway.Wire.SecurityHeaders.PolicyWithNonce(nonce), policy);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var scripts = Scripts().Matches(html).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts.Select(s => s.Value))
        {
            // Loaded from this origin (a relative or rooted path), never from another host.
            Assert.DoesNotContain("//", Regex.Match(script, "src=\"([^\"]*)\"").Groups[1].Value, StringComparison.Ordinal);
            Assert.True(script.Contains("src=\"/docs/api-setup.js\"", StringComparison.Ordinal) || script.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), script);
        }

        // A fresh nonce every time: one seen once is no use to a script injected later.
        using var again = await gateway.Client.GetAsync("/docs/api/");
        Assert.NotEqual(policy, again.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("/docs/api/scalar.js")]
    [InlineData("/docs/api/scalar.aspnetcore.js")]
    [InlineData("/docs/api-setup.js")]
    public async Task The_viewer_s_scripts_are_served_by_the_gateway(string path)
    {
        using var response = await gateway.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [GeneratedRegex("script-src 'self' 'nonce-(?<nonce>[A-Za-z0-9+/_=-]+)';")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex Scripts();
}
