using HiveOrleans.Storage;
using Microsoft.Extensions.Configuration;

namespace HiveOrleans.Silo.Hosting;

/// <summary>
/// How this process finds its cluster and store, read once from configuration. Embedded mode (no connection string)
/// keeps everything in one SQLite file under <see cref="DataDirectory"/>; cluster mode uses PostgreSQL for
/// membership, grain state, reminders and the task ledger.
/// </summary>
public sealed record HiveClusterSettings
{
    public const string ConnectionStringName = "HiveOrleans";

    public required StoreLocation Store { get; init; }

    public bool IsEmbedded => Store.Kind == StoreKind.Sqlite;

    public string ClusterId { get; init; } = "hiveorleans";

    public string ServiceId { get; init; } = "hiveorleans";

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    public string DataDirectory { get; init; } = "data";

    public static HiveClusterSettings From(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("HiveOrleans");
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var dataDirectory = Path.GetFullPath(section["DataDirectory"] ?? "data", contentRoot);
        return new HiveClusterSettings
        {
            Store = string.IsNullOrWhiteSpace(connectionString)
                ? StoreLocation.ForSqliteFile(Path.Combine(dataDirectory, "hiveorleans.db"))
                : StoreLocation.ForPostgres(connectionString),
            DataDirectory = dataDirectory,
            ClusterId = section["ClusterId"] ?? "hiveorleans",
            ServiceId = section["ServiceId"] ?? "hiveorleans",
            SiloPort = section.GetValue("SiloPort", 11111),
            GatewayPort = section.GetValue("GatewayPort", 30000),
        };
    }
}
