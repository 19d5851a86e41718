using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Xunit;

namespace HiveOrleans.Tests.Storage;

/// <summary>A fresh SQLite file with the HiveOrleans schema and one silo running on it.</summary>
public sealed class SqliteProbeSilo : IAsyncLifetime
{
    private IHost? _host;

    public SqliteFile File { get; } = new();

    public IHost Host => _host ?? throw new InvalidOperationException("The silo starts in InitializeAsync.");

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(File.Store);
        _host = await ProbeSilo.StartAsync(File.Store, $"hive-test-{Guid.NewGuid():N}");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        File.Dispose();
    }
}
