using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>The real Kestrel servers tests stand up: on 127.0.0.1, on a port the OS picks (no race for a free one), quiet.</summary>
public static class LoopbackKestrel
{
    /// <summary>An app to map endpoints on, bound to 127.0.0.1:0 (or <paramref name="port"/>, to come back on a known one).</summary>
    public static WebApplication Create(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts <paramref name="app"/> and returns its root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
