using HiveOrleans.Gateway.Admin;
using HiveOrleans.Gateway.Api;
using HiveOrleans.Gateway.Auth;
using HiveOrleans.Gateway.Docs;
using HiveOrleans.Gateway.Quotas;
using HiveOrleans.Gateway.Review;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Hosting;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace HiveOrleans.Gateway.Hosting;

/// <summary>
/// Builds the gateway. With <c>ConnectionStrings:HiveOrleans</c> it is an Orleans client of a PostgreSQL cluster and
/// needs nothing of the silo. With none (embedded mode on SQLite), or with <c>HiveOrleans:CoHostSilo</c> true, a
/// silo runs in the same process: the caller passes <paramref name="coHostSilo"/> to add it (HiveOrleans.Host does),
/// so this project does not reference the silo, its engines or Orleans.Server.
/// </summary>
public static class GatewayApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Serve the Prometheus scrape endpoint at <c>/metrics</c>.</summary>
    public const string PrometheusKey = "HiveOrleans:Metrics:Prometheus";

    /// <param name="args">Command-line arguments, as for any ASP.NET Core host.</param>
    /// <param name="configure">Changes to the builder before HiveOrleans reads its configuration.</param>
    /// <param name="coHostSilo">Adds a silo to this process, for embedded mode and <c>HiveOrleans:CoHostSilo</c>.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplicationBuilder, HiveClusterSettings>? coHostSilo = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddHiveDefaults();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        var coHost = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(HiveClusterSettings.ConnectionStringName))
            || builder.Configuration.GetValue<bool>("HiveOrleans:CoHostSilo");
        var settings = HiveClusterSettings.From(
            builder.Configuration,
            builder.Environment.ContentRootPath,
            coHost ? HiveClusterSettings.SiloConnections : HiveClusterSettings.GatewayConnections);

        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            // Kestrel's own limits (timeouts, header sizes and counts) from Kestrel:Limits; the body limit is ours.
            builder.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue(GatewayOptions.Section + ":MaxRequestBodyBytes", new GatewayOptions().MaxRequestBodyBytes);
        });

        // A query or route value that does not bind throws, so the error handler answers it with the JSON error
        // naming the parameter, instead of minimal APIs' bodiless 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuthFailureThrottle>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddSingleton<ReviewerAuthenticator>();
        builder.Services.AddSingleton<TaskCalls>();
        builder.Services.AddSingleton<TaskAdmission>();
        builder.Services.AddSingleton<BatchAdmission>();
        builder.Services.AddSingleton<QuotaLimiter>();
        builder.Services.AddSingleton(sp => OperatorToken.FromConfiguration(
            builder.Configuration, settings.IsEmbedded ? settings.DataDirectory : null, sp.GetRequiredService<ILoggerFactory>().CreateLogger<OperatorToken>()));
        builder.Services.AddGatewayDocs(new GatewayMode(settings.IsEmbedded, coHost, builder.Configuration.GetValue<bool>(PrometheusKey)));
        var prometheus = builder.Configuration.GetValue<bool>(PrometheusKey);
        builder.Services.AddHiveTelemetry(
            builder.Configuration,
            "hiveorleans-gateway",
            tracing => tracing.AddAspNetCoreInstrumentation(),
            metrics =>
            {
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (coHost)
        {
            if (coHostSilo is null)
            {
                throw new InvalidOperationException(
                    $"This gateway is an Orleans client and runs no silo: set ConnectionStrings:{HiveClusterSettings.ConnectionStringName} to a cluster's PostgreSQL " +
                    "(and leave HiveOrleans:CoHostSilo off), or run src/HiveOrleans.Host for embedded mode or a gateway with a silo inside.");
            }

            coHostSilo(builder, settings);
        }
        else
        {
            // The client reads membership from the store, so the schema must exist before it connects.
            builder.Services.AddHostedService(_ => new SchemaInstallation(settings.Store));

            // Uploads stream from the request straight into the shared media store; silos read them from there.
            builder.Services.AddHiveMediaStore(builder.Configuration, settings.Store, settings.DataDirectory);
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = settings.Store.AdoInvariant;
                    o.ConnectionString = settings.Store.OrleansConnectionString;
                });
                // A silo that joins (a new one, or the new version in a rolling upgrade) takes submissions within
                // seconds rather than the minute Orleans' default refresh would take.
                client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
                client.UseConnectionRetryFilter(RetryUntilStopped);
                client.AddActivityPropagation();

                // The dashboard's pages and API here; its grains and counters on the silos (AddHiveOrleansSilo).
                client.AddDashboard();
            });
        }

        // After Orleans, so it stops before Orleans does and its last flush still reaches the cluster.
        builder.Services.AddHostedService<QuotaUsageFlusher>();

        var app = builder.Build();

        // Made now rather than on the first admin request, so embedded mode's token file exists once the service is up.
        app.Services.GetRequiredService<OperatorToken>();
        app.UseSecurityHeaders();
        app.UseJsonStatusBodies();
        app.UseApiErrors();
        app.MapOpenApi();
        app.MapGatewayDocs();
        app.MapHealthApi();
        app.MapTaskApi();
        app.MapBatchApi();
        app.MapTaskEventsApi();
        app.MapReviewApi();
        app.MapAdminApi();
        app.MapDashboardApi();
        if (prometheus)
        {
            // Off by default: the scrape shows project ids and volumes to whoever can reach it (docs/operations.md).
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }

    /// <summary>Silos may start after the gateway (docker-compose starts them together): keep trying until stopped.</summary>
    private static async Task<bool> RetryUntilStopped(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    private sealed class SchemaInstallation(StoreLocation store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => SchemaInstaller.ApplyAsync(store, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
