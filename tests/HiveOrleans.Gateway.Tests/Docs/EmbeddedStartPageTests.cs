using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Docs;

/// <summary>A newcomer's first run: the start page of an embedded gateway says it is one.</summary>
public sealed class EmbeddedStartPageTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hive-start-" + Guid.NewGuid().ToString("n")[..12]);
    private GatewayServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await GatewayServer.StartEmbeddedAsync(_dataDirectory, new Dictionary<string, string?> { ["HiveOrleans:Metrics:Prometheus"] = "true" });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task An_embedded_gateway_says_so_and_links_the_metrics_it_serves()
    {
        var html = await _server.Client.GetStringAsync("/");

        Assert.Contains("<dd id=\"mode\">Embedded: one process", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"health\"><span class=\"ok\">Ready</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/metrics\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(_dataDirectory, html, StringComparison.Ordinal);
    }
}
