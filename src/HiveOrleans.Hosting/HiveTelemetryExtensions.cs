using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HiveOrleans.Hosting;

public static class HiveTelemetryExtensions
{
    /// <summary>
    /// Traces and metrics for Orleans (meter <c>Microsoft.Orleans</c>, sources <c>Microsoft.Orleans.*</c>), HttpClient
    /// (callbacks) and whatever <paramref name="configure"/> adds (ASP.NET Core on the gateway). Exported over OTLP
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>HiveOrleans:Otlp:Endpoint</c> is set; otherwise collected for
    /// in-process listeners only.
    /// </summary>
    public static IServiceCollection AddHiveTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string serviceName,
        Action<TracerProviderBuilder>? configureTracing = null,
        Action<MeterProviderBuilder>? configureMetrics = null)
    {
        var endpoint = configuration["HiveOrleans:Otlp:Endpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otlp = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "HiveOrleans")
                    .AddHttpClientInstrumentation();
                configureTracing?.Invoke(tracing);
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", "HiveOrleans")
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                configureMetrics?.Invoke(metrics);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        return services;
    }
}
