using HiveOrleans.Gateway.Hosting;
using HiveOrleans.Host;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// A real gateway on Kestrel at 127.0.0.1, co-hosting a silo. Cluster flavour: a fresh PostgreSQL database;
/// embedded flavour: a SQLite file in a data directory the caller owns (so a restart can reopen it).
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    public const string OperatorToken = "test-operator-token";

    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<GatewayServer> StartOnPostgresAsync(string connectionString, IDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configureSilo = null) =>
        StartAsync(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:HiveOrleans"] = connectionString,
            ["HiveOrleans:CoHostSilo"] = "true",
        }, configureSilo);

    /// <summary>A gateway that is only an Orleans client of silos running elsewhere.</summary>
    public static Task<GatewayServer> StartAsClientAsync(string connectionString, string clusterId) =>
        StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:HiveOrleans"] = connectionString,
            ["HiveOrleans:ClusterId"] = clusterId,
        }, configureSilo: null);

    public static Task<GatewayServer> StartEmbeddedAsync(string dataDirectory, IDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configureSilo = null) =>
        StartAsync(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["HiveOrleans:DataDirectory"] = dataDirectory,
        }, configureSilo);

    private static async Task<GatewayServer> StartAsync(Dictionary<string, string?> settings, Action<ISiloBuilder>? configureSilo)
    {
        settings.TryAdd("HiveOrleans:AdminToken", OperatorToken);
        settings.TryAdd("HiveOrleans:ClusterId", "test-" + Guid.NewGuid().ToString("n")[..12]);
        settings.TryAdd("HiveOrleans:SiloPort", FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        settings.TryAdd("HiveOrleans:GatewayPort", FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        settings.TryAdd("Logging:LogLevel:Default", "Warning");

        // The tests' callback receivers listen on loopback, which the outbound address policy refuses unless allowed;
        // a test that needs the refusal sets an allow-list of its own.
        settings.TryAdd("HiveOrleans:Callbacks:AllowList:0", "127.0.0.1");

        // Silo traffic stays on loopback rather than the host's first network address.
        settings.TryAdd("HiveOrleans:AdvertisedAddress", "127.0.0.1");
        var app = EmbeddedHost.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Development"],
            builder => builder.Configuration.AddInMemoryCollection(settings),
            configureSilo);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
