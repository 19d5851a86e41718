using HiveOrleans.Grains.Hosting;
using HiveOrleans.Hosting;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace HiveOrleans.Silo.Hosting;

public static class HiveSiloBuilderExtensions
{
    /// <summary>Where Orleans' <see cref="ClusterMembershipOptions"/> may be overridden (failure detection).</summary>
    public const string MembershipSection = "HiveOrleans:Membership";

    /// <summary>
    /// A whole HiveOrleans silo: clustering (PostgreSQL, or localhost in embedded mode), grain storage, reminders
    /// (PostgreSQL only: the SQLite provider has none, and tasks do not depend on them), the grains' services, and
    /// the silo side of the Orleans dashboard (its grains, grain-call profiler and counters; the gateway serves the
    /// pages behind the operator token).
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
            if (settings.AdvertisedAddress is { } advertised)
            {
                silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }
            // Failure detection in seconds, not Orleans' default tens of seconds: until a dead silo is declared dead,
            // calls routed through it fail or hang and its tasks wait. Each silo probes the others every ProbeTimeout
            // and suspects one after NumMissedProbesLimit misses; two suspicions declare it dead. The price is a
            // silo starved for ~6 s (a long GC pause, a saturated host) being declared dead and restarting; Orleans
            // lengthens the probe timeout while the prober itself is degraded. docs/operations.md.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 3;
            });
            silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = settings.Store.AdoInvariant;
                o.ConnectionString = settings.Store.OrleansConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = settings.Store.AdoInvariant;
                o.ConnectionString = settings.Store.OrleansConnectionString;
            });
        }

        // The profiler it puts in front of every grain call records nothing until someone opens the dashboard, and
        // stops again one to two minutes after the last look (the dashboard's grain checks once a minute).
        silo.AddDashboard();
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

        // Microsoft.Data.Sqlite runs its "async" calls synchronously, and a write waiting for SQLite's one writer would
        // hold an Orleans scheduler thread: on SQLite the provider runs under another name, behind a wrapper that puts
        // every call on the thread pool.
        var offScheduler = store.Kind == StoreKind.Sqlite;
        silo.AddAdoNetGrainStorage(offScheduler ? OffSchedulerGrainStorage.InnerName : StorageNames.Provider, o =>
        {
            o.Invariant = store.AdoInvariant;
            o.ConnectionString = store.OrleansConnectionString;
        });
        if (offScheduler)
        {
            silo.Services.AddGrainStorage(StorageNames.Provider, (services, _) =>
                new OffSchedulerGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(OffSchedulerGrainStorage.InnerName)));
        }

        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaInstallation(store));
        silo.Services.AddHiveStorage(store);
        silo.Services.AddHiveMediaStore(configuration, store, dataDirectory ?? Path.GetFullPath(configuration["HiveOrleans:DataDirectory"] ?? "data"));
        silo.Services.AddHiveGrainServices(configuration);
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<StoreFailureCallFilter>();
        return silo;
    }

    /// <summary>Applies deploy/sql before the first stage of the silo, so no provider meets a missing table.</summary>
    private sealed class SchemaInstallation(StoreLocation store) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(SchemaInstallation), ServiceLifecycleStage.First, ct => SchemaInstaller.ApplyAsync(store, ct));
    }
}
