using System.Net;
using HiveOrleans.Storage;
using Microsoft.Extensions.Configuration;

namespace HiveOrleans.Hosting;

/// <summary>
/// How this process finds its cluster and store, read once from configuration. Embedded mode (no connection string)
/// keeps everything in one SQLite file under <see cref="DataDirectory"/>; cluster mode uses PostgreSQL for
/// membership, grain state, reminders and the tasks.
/// </summary>
public sealed record HiveClusterSettings
{
    public const string ConnectionStringName = "HiveOrleans";

    /// <summary>PostgreSQL connections a silo (or a gateway co-hosting one) opens at most, unless configured.</summary>
    public const int SiloConnections = 16;

    /// <summary>PostgreSQL connections a client-only gateway opens at most, unless configured.</summary>
    public const int GatewayConnections = 6;

    /// <summary>The setting that overrides <see cref="SiloConnections"/> or <see cref="GatewayConnections"/>.</summary>
    public const string MaxConnectionsKey = "HiveOrleans:Postgres:MaxConnections";

    public required StoreLocation Store { get; init; }

    public bool IsEmbedded => Store.Kind == StoreKind.Sqlite;

    public string ClusterId { get; init; } = "hiveorleans";

    public string ServiceId { get; init; } = "hiveorleans";

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    public string DataDirectory { get; init; } = "data";

    /// <summary>
    /// The address this silo tells the cluster to reach it at (<c>HiveOrleans:AdvertisedAddress</c>); when unset,
    /// Orleans picks the host's first network address. Kubernetes sets the pod IP here; tests and benchmarks 127.0.0.1.
    /// </summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <param name="defaultMaxConnections">
    /// This process's PostgreSQL connection budget when <see cref="MaxConnectionsKey"/> is not set: 3 silos and 2
    /// gateways on the defaults open at most 60, well under a stock PostgreSQL's <c>max_connections</c> of 100.
    /// </param>
    public static HiveClusterSettings From(IConfiguration configuration, string contentRoot, int defaultMaxConnections = SiloConnections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("HiveOrleans");
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var dataDirectory = Path.GetFullPath(section["DataDirectory"] ?? "data", contentRoot);
        return new HiveClusterSettings
        {
            Store = string.IsNullOrWhiteSpace(connectionString)
                ? StoreLocation.ForSqliteFile(Path.Combine(dataDirectory, "hiveorleans.db"))
                : StoreLocation.ForPostgres(connectionString).WithConnectionBudget(MaxConnections(section, defaultMaxConnections)),
            DataDirectory = dataDirectory,
            ClusterId = section["ClusterId"] ?? "hiveorleans",
            ServiceId = section["ServiceId"] ?? "hiveorleans",
            SiloPort = section.GetValue("SiloPort", 11111),
            GatewayPort = section.GetValue("GatewayPort", 30000),
            AdvertisedAddress = section["AdvertisedAddress"] is { Length: > 0 } advertised
                ? IPAddress.TryParse(advertised, out var address) ? address : throw new InvalidOperationException($"HiveOrleans:AdvertisedAddress '{advertised}' is not an IP address.")
                : null,
        };
    }

    private static int MaxConnections(IConfigurationSection section, int fallback)
    {
        var configured = section.GetValue("Postgres:MaxConnections", fallback);
        return configured >= StoreLocation.MinConnectionBudget
            ? configured
            : throw new InvalidOperationException(
                $"{MaxConnectionsKey} is {configured}; it must be at least {StoreLocation.MinConnectionBudget} (two connections for Orleans, two for the stores).");
    }
}
