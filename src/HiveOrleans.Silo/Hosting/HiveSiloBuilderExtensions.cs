using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace HiveOrleans.Silo.Hosting;

public static class HiveSiloBuilderExtensions
{
    /// <summary>
    /// A whole HiveOrleans silo: clustering (PostgreSQL, or localhost in embedded mode), grain storage, reminders
    /// (PostgreSQL only: the SQLite provider has none, and tasks do not depend on them), and the grains' services.
    /// </summary>
    public static ISiloBuilder AddHiveOrleansSilo(this ISiloBuilder silo, IConfiguration configuration, HiveClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.IsEmbedded)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        else
        {
            silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = settings.Store.AdoInvariant;
                o.ConnectionString = settings.Store.ConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = settings.Store.AdoInvariant;
                o.ConnectionString = settings.Store.ConnectionString;
            });
        }

        return silo.AddHiveOrleansGrains(configuration, settings.Store, settings.DataDirectory);
    }

    /// <summary>
    /// Grain storage on <paramref name="store"/> (System.Text.Json, chosen once: changing it means migrating data),
    /// the schema applied before anything reads the store, and the grains' services. Clustering is the caller's.
    /// </summary>
    /// <param name="dataDirectory">Where embedded mode keeps media; by default <c>HiveOrleans:DataDirectory</c> or ./data.</param>
    public static ISiloBuilder AddHiveOrleansGrains(this ISiloBuilder silo, IConfiguration configuration, StoreLocation store, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(store);
        silo.AddAdoNetGrainStorage(StorageNames.Provider, o =>
        {
            o.Invariant = store.AdoInvariant;
            o.ConnectionString = store.ConnectionString;
        });
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaInstallation(store));
        silo.Services.AddHiveStorage(store);
        silo.Services.AddHiveMediaStore(configuration, store, dataDirectory ?? Path.GetFullPath(configuration["HiveOrleans:DataDirectory"] ?? "data"));
        silo.Services.AddHiveGrainServices(configuration);
        silo.AddActivityPropagation();
        return silo;
    }

    /// <summary>Applies deploy/sql before the first stage of the silo, so no provider meets a missing table.</summary>
    private sealed class SchemaInstallation(StoreLocation store) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(SchemaInstallation), ServiceLifecycleStage.First, ct => SchemaInstaller.ApplyAsync(store, ct));
    }
}
