namespace HiveOrleans.Gateway.Docs;

/// <summary>How this gateway runs, as the start page tells it: alone on SQLite, or in a PostgreSQL cluster with or without a silo of its own.</summary>
/// <param name="Embedded">No connection string: one process, a co-hosted silo, SQLite in the data directory.</param>
/// <param name="CoHostsSilo">The process runs a silo as well as the gateway.</param>
/// <param name="Prometheus">The Prometheus scrape endpoint is served at <c>/metrics</c>.</param>
internal sealed record GatewayMode(bool Embedded, bool CoHostsSilo, bool Prometheus)
{
    public string Describe() => Embedded
        ? "Embedded: one process, a silo co-hosted with the gateway, SQLite storage in the data directory."
        : CoHostsSilo
            ? "Cluster: a silo co-hosted with the gateway, in a cluster on PostgreSQL."
            : "Cluster: a gateway only, the client of silos running elsewhere on PostgreSQL.";
}
