using System.Net;
using HiveOrleans.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace HiveOrleans.Silo.Hosting;

/// <summary>
/// A standalone silo's Prometheus scrape at <c>http://{PrometheusHost}:{PrometheusPort}/metrics</c>, served by
/// OpenTelemetry's HttpListener exporter: a silo has no ASP.NET Core server to map an endpoint on, and one would
/// cost more than this single path needs. A port that is taken stops the silo at start rather than leaving it
/// silently unscraped.
/// </summary>
internal static class SiloPrometheusListener
{
    public static MeterProviderBuilder AddSiloPrometheusListener(this MeterProviderBuilder metrics)
    {
        metrics.ConfigureServices(services => services.AddOptions<PrometheusHttpListenerOptions>()
            .Configure<IOptions<MetricsOptions>>((listener, hive) =>
            {
                var prefix = Prefix(hive.Value.PrometheusHost, hive.Value.PrometheusPort);
                listener.Port = hive.Value.PrometheusPort;

                // The exporter's own prefix is built with UriBuilder, which rejects HttpListener's '+' wildcard:
                // replace it with ours.
                listener.ConfigureHttpListener = (_, http) =>
                {
                    http.Prefixes.Clear();
                    http.Prefixes.Add(prefix);
                };
            }));
        return metrics.AddPrometheusHttpListener();
    }

    /// <summary>The HttpListener prefix for <paramref name="host"/> ('+', a name or an IP address) and <paramref name="port"/>.</summary>
    public static string Prefix(string host, int port)
    {
        var literal = IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{address}]"
            : host;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://{literal}:{port}/metrics/");
    }
}
