using System.Net;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// Starts a real silo host whose durable parts live in a HiveOrleans store: on PostgreSQL
/// clustering, grain storage and reminders all go through Orleans' ADO.NET providers; on SQLite
/// (which Orleans supports for grain storage only) clustering is localhost and there are no reminders.
/// </summary>
internal static class ProbeSilo
{
    /// <summary>The grain store whose clear keeps a versioned, payload-less row.</summary>
    public const string KeepingStore = "hive";

    /// <summary>The grain store whose clear deletes the row (DeleteStateOnClear).</summary>
    public const string DeletingStore = "hive-deleting";

    public const string ServiceId = "hive-storage-tests";

    public static async Task<IHost> StartAsync(StoreLocation store, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });

        builder.UseOrleans(silo =>
        {
            var siloPort = FreeTcpPort.Next();
            var gatewayPort = FreeTcpPort.Next();
            if (store.Kind == StoreKind.PostgreSql)
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = store.AdoInvariant;
                    options.ConnectionString = store.ConnectionString;
                });
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = store.AdoInvariant;
                    options.ConnectionString = store.ConnectionString;
                });

                // Lets a test watch a reminder fire within seconds; the default minimum is a minute.
                silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: clusterId);
            }

            AddGrainStore(silo, KeepingStore, store, deleteStateOnClear: false);
            AddGrainStore(silo, DeletingStore, store, deleteStateOnClear: true);
        });

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static void AddGrainStore(ISiloBuilder silo, string name, StoreLocation store, bool deleteStateOnClear) =>
        silo.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<IOptions<SystemTextJsonGrainStorageSerializerOptions>>((storage, json) =>
            {
                storage.Invariant = store.AdoInvariant;
                storage.ConnectionString = store.ConnectionString;
                storage.DeleteStateOnClear = deleteStateOnClear;
                storage.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(json);
            }));
}
