using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>A fresh PostgreSQL database with the HiveOrleans schema and one silo running on it.</summary>
public sealed class PostgresProbeSilo : IAsyncLifetime
{
    private IHost? _host;

    public PostgresDatabase Database { get; } = new();

    public string ClusterId { get; } = $"hive-test-{Guid.NewGuid():N}";

    public IHost Host => _host ?? throw new InvalidOperationException("The silo starts in InitializeAsync.");

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await SchemaInstaller.ApplyAsync(Database.Store);
        _host = await ProbeSilo.StartAsync(Database.Store, ClusterId);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await Database.DisposeAsync();
    }
}
