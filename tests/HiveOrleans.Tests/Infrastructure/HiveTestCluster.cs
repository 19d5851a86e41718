using HiveOrleans.Silo.Hosting;
using HiveOrleans.Storage;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster running HiveOrleans' grains on a real store, with membership tuned to declare
/// a killed silo dead within a couple of seconds, so durability tests can kill one and wait on the outcome.
/// </summary>
public static class HiveTestCluster
{
    public static async Task<InProcessTestCluster> StartAsync(
        StoreLocation store,
        short silos,
        IDictionary<string, string?>? settings = null,
        Action<InProcessTestSiloSpecificOptions, ISiloBuilder>? configureSilo = null,
        Action<IClientBuilder>? configureClient = null,
        string? serviceId = null)
    {
        var withDefaults = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());

        // The tests' callback receivers listen on loopback, which the outbound address policy refuses unless allowed.
        withDefaults.TryAdd("HiveOrleans:Callbacks:AllowList:0", "127.0.0.1");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(withDefaults).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        if (serviceId is not null)
        {
            // Rows of Orleans' grain storage are keyed by service: a second cluster reads the first one's only with its id.
            builder.Options.ServiceId = serviceId;
        }

        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddHiveOrleansGrains(configuration, store);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
            });
            configureSilo?.Invoke(options, silo);
        });
        if (configureClient is not null)
        {
            builder.ConfigureClient(configureClient);
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
