using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>One gateway on its own fresh PostgreSQL database per test class, with two projects to work in.</summary>
public sealed class PostgresGatewayFixture : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public GatewayServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    /// <summary>The class's own database, for tests that look at what was stored.</summary>
    public string ConnectionString => _database.ConnectionString;

    public CreatedProject Project { get; private set; } = null!;

    public CreatedProject OtherProject { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Server = await GatewayServer.StartOnPostgresAsync(_database.ConnectionString);
        Project = await Client.CreateProjectAsync("first");
        OtherProject = await Client.CreateProjectAsync("second");
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
