using HiveOrleans.Grains.Hosting;
using HiveOrleans.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HiveOrleans.Silo.Hosting;

/// <summary>A standalone silo for cluster mode. Tests and benchmarks build it here with their own configuration.</summary>
public static class SiloApp
{
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.AddHiveDefaults();
        configure?.Invoke(builder);
        var settings = HiveClusterSettings.From(builder.Configuration, builder.Environment.ContentRootPath, HiveClusterSettings.SiloConnections);
        if (settings.IsEmbedded)
        {
            throw new InvalidOperationException(
                "HiveOrleans.Silo runs in cluster mode only: set ConnectionStrings__HiveOrleans to a PostgreSQL connection string. " +
                "For a single process with no setup, run HiveOrleans.Host (dotnet run --project src/HiveOrleans.Host).");
        }

        // Off by default: the scrape shows project ids and volumes to whoever reaches the port (docs/operations.md).
        var prometheus = builder.Configuration.GetValue<bool>(MetricsOptions.Section + ":" + nameof(MetricsOptions.Prometheus));
        builder.Services.AddHiveTelemetry(
            builder.Configuration,
            "hiveorleans-silo",
            configureMetrics: prometheus ? metrics => metrics.AddSiloPrometheusListener() : null);
        builder.UseOrleans(silo => silo.AddHiveOrleansSilo(builder.Configuration, settings));
        return builder.Build();
    }
}
