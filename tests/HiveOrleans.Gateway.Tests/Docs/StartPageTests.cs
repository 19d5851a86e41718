using System.Net;
using System.Text.RegularExpressions;
using HiveOrleans.Gateway.Docs;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Docs;

/// <summary>The page at <c>/</c>: what is running and where to go next, under the strict policy, with no secret on it.</summary>
public sealed partial class StartPageTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    [Fact]
    public async Task The_start_page_is_html_under_the_policy_that_allows_no_inline_script()
    {
        using var response = await gateway.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SecurityHeaders.HtmlPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_start_page_says_which_version_runs_in_which_mode_and_that_it_is_ready()
    {
        var html = await gateway.Client.GetStringAsync("/");

        Assert.Contains($"<dd id=\"version\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(ServiceVersion.Current)}</dd>", html, StringComparison.Ordinal);
        Assert.Matches(@"<dd id=""version"">\d+\.\d+\.\d+", html);
        Assert.Contains("<dd id=\"mode\">Cluster: a silo co-hosted with the gateway", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"health\"><span class=\"ok\">Ready</span>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"operator\">Enabled", html, StringComparison.Ordinal);

        // Prometheus is off unless configured, and then not offered.
        Assert.DoesNotContain("/metrics", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_link_and_asset_on_the_start_page_is_served()
    {
        var html = await gateway.Client.GetStringAsync("/");
        var targets = Links().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Where(u => u.StartsWith('/')).Distinct().ToList();

        // The page's promises: the reference, the document, the dashboard, both probes and its stylesheet.
        Assert.Superset(new HashSet<string> { "/docs/api/", "/openapi/v1.json", "/admin/dashboard/", "/healthz", "/readyz", "/start.css" }, targets.ToHashSet());
        foreach (var target in targets)
        {
            // The dashboard asks for the operator token; the other links ignore it.
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.Authorization = new("Bearer", GatewayServer.OperatorToken);
            using var response = await gateway.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{target} answered {(int)response.StatusCode}");
        }

        using var style = await gateway.Client.GetAsync("/start.css");
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_start_page_shows_no_token_key_or_connection_string()
    {
        var html = await gateway.Client.GetStringAsync("/");

        Assert.DoesNotContain(GatewayServer.OperatorToken, html, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Project.Key, html, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Project.WebhookSecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PostgresDatabase.ServerConnectionString, html, StringComparison.Ordinal);
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+)\"")]
    private static partial Regex Links();
}
