using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Callbacks;

/// <summary>A gateway on PostgreSQL whose callback retries come within a second, set through configuration.</summary>
public sealed class CallbackGatewayFixture : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public GatewayServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["HiveOrleans:Tasks:CallbackRetryDelays:0"] = "00:00:00.200",
            ["HiveOrleans:Tasks:CallbackRetryDelays:1"] = "00:00:00.400",
            // Three failures in a row hold a destination for probing: probe it soon, not after the default 10 s.
            ["HiveOrleans:Tasks:CallbackProbeInterval"] = "00:00:01",
            ["HiveOrleans:Tasks:RecoverAfter"] = "00:00:02",
            ["HiveOrleans:Tasks:SweepInterval"] = "00:00:00.100",
            ["HiveOrleans:Tasks:ResumeLease"] = "00:00:02",
        });
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
