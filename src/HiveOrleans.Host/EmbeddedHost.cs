using HiveOrleans.Gateway.Hosting;
using HiveOrleans.Silo.Hosting;

namespace HiveOrleans.Host;

/// <summary>
/// Builds the gateway with a silo inside it: with no <c>ConnectionStrings:HiveOrleans</c>, embedded mode on SQLite;
/// with one and <c>HiveOrleans:CoHostSilo</c>, a gateway that is also a silo of that cluster. Tests and benchmarks
/// build it here with their own configuration.
/// </summary>
public static class EmbeddedHost
{
    /// <param name="args">Command-line arguments, as for any ASP.NET Core host.</param>
    /// <param name="configure">Changes to the builder before HiveOrleans reads its configuration.</param>
    /// <param name="configureSilo">Changes to the silo after HiveOrleans has set it up (tests swap models here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<ISiloBuilder>? configureSilo = null) =>
        GatewayApp.Build(args, configure, (builder, settings) => builder.UseOrleans(silo =>
        {
            silo.AddHiveOrleansSilo(builder.Configuration, settings);
            configureSilo?.Invoke(silo);
        }));
}
