using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>Kestrel's limits are the operator's to set, under <c>Kestrel:Limits</c> (docs/operations.md).</summary>
public sealed class TransportLimitTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hive-limits-" + Guid.NewGuid().ToString("n")[..12]);
    private GatewayServer _server = null!;

    public async Task InitializeAsync() => _server = await GatewayServer.StartEmbeddedAsync(_dataDirectory, new Dictionary<string, string?>
    {
        ["Kestrel:Limits:MaxRequestHeaderCount"] = "8",
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_request_over_the_configured_header_count_is_refused_by_the_server()
    {
        using var few = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        using var many = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        for (var i = 0; i < 12; i++)
        {
            many.Headers.TryAddWithoutValidation($"x-extra-{i}", "1");
        }

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SendAsync(few)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await _server.Client.SendAsync(many)).StatusCode);
    }
}
