using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>With <c>HiveOrleans:Metrics:Prometheus</c> on, <c>/metrics</c> shows the product's own instruments; off (the default), it is not served.</summary>
public sealed class PrometheusMetricsTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?> { ["HiveOrleans:Metrics:Prometheus"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_scrape_counts_tasks_model_runs_callbacks_and_store_flushes()
    {
        var project = await _server.Client.CreateProjectAsync("metrics");
        await using var receiver = await CallbackReceiver.StartAsync();
        var (status, _) = await _server.Client.SubmitTextAsync(project.Key, "async", "count me", receiver.Url.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        await receiver.NextAsync();

        // The callback's outcome is counted once the attempt returns, just after the receiver has the request.
        var scrape = await Eventually.UntilAsync(
            () => _server.Client.GetStringAsync("/metrics"),
            text => text.Contains("hiveorleans_callbacks_attempts", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the scrape to count a callback attempt");

        Assert.Contains("hiveorleans_tasks_submitted_total{", scrape, StringComparison.Ordinal);
        Assert.Contains($"project=\"{project.ProjectId}\"", scrape, StringComparison.Ordinal);
        Assert.Contains("hiveorleans_tasks_completed_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("outcome=\"succeeded\"", scrape, StringComparison.Ordinal);
        Assert.Contains("outcome=\"delivered\"", scrape, StringComparison.Ordinal);
        Assert.Contains("hiveorleans_model_duration", scrape, StringComparison.Ordinal);
        Assert.Contains("store=\"tasks.write\"", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        await using var plain = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString);

        using var response = await plain.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
