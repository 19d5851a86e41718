using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Wire;

/// <summary>Every answer tells a browser not to sniff, frame or refer; the one HTML page also carries a script policy.</summary>
public sealed class SecurityHeaderTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hive-headers-" + Guid.NewGuid().ToString("n")[..12]);
    private GatewayServer _server = null!;

    public async Task InitializeAsync() => _server = await GatewayServer.StartEmbeddedAsync(_dataDirectory);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Json_answers_and_errors_carry_the_browser_safety_headers()
    {
        foreach (var path in new[] { "/healthz", "/api/v2/task/not-a-task" })
        {
            using var response = await _server.Client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task The_dashboard_page_allows_scripts_from_its_own_origin_only()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/dashboard/");
        request.Headers.Authorization = new("Bearer", GatewayServer.OperatorToken);
        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }
}
