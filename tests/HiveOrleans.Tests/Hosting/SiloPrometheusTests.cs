using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Silo.Hosting;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HiveOrleans.Tests.Hosting;

/// <summary>A standalone silo with <c>HiveOrleans:Metrics:Prometheus</c> on serves a scrape on its own port.</summary>
public sealed class SiloPrometheusTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_standalone_silo_serves_the_product_s_metrics_for_prometheus_on_its_port()
    {
        var port = FreeTcpPort.Next();
        using var silo = BuildSilo(port);
        await silo.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

            // The queue-depth gauges appear once the silo's first count (made as it becomes active) is in.
            var scrape = await Eventually.UntilAsync(
                () => http.GetStringAsync("/metrics"),
                text => text.Contains("hiveorleans_tasks_pending{", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30),
                "the silo's scrape to show a queue-depth gauge");

            Assert.Contains("hiveorleans_callbacks_pending{", scrape, StringComparison.Ordinal);
            Assert.Contains("service_name=\"hiveorleans-silo\"", scrape, StringComparison.Ordinal);
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task A_silo_whose_scrape_port_is_taken_does_not_start()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        using var silo = BuildSilo(((IPEndPoint)taken.LocalEndpoint).Port);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.StartAsync());

        Assert.Contains("HttpListener", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("not a host")]
    public void A_listener_host_that_cannot_be_bound_is_refused_at_start(string host)
    {
        var options = new MetricsOptions { PrometheusHost = host };

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

        Assert.False(valid);
    }

    [Theory]
    [InlineData("+", 9464, "http://+:9464/metrics/")]
    [InlineData("127.0.0.1", 9100, "http://127.0.0.1:9100/metrics/")]
    [InlineData("::1", 9464, "http://[::1]:9464/metrics/")]
    [InlineData("silo1", 9464, "http://silo1:9464/metrics/")]
    public void The_listener_prefix_names_the_host_and_port(string host, int port, string prefix) =>
        Assert.Equal(prefix, SiloPrometheusListener.Prefix(host, port));

    private IHost BuildSilo(int scrapePort) =>
        SiloApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:HiveOrleans"] = database.ConnectionString,
            ["HiveOrleans:ClusterId"] = "prometheus-" + Guid.NewGuid().ToString("n")[..12],
            ["HiveOrleans:SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["HiveOrleans:GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["HiveOrleans:AdvertisedAddress"] = "127.0.0.1",
            ["HiveOrleans:Metrics:Prometheus"] = "true",
            ["HiveOrleans:Metrics:PrometheusHost"] = "127.0.0.1",
            ["HiveOrleans:Metrics:PrometheusPort"] = scrapePort.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        }));
}
