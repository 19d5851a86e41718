using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Storage;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace HiveOrleans.Tests.Idempotency;

/// <summary>Pruned idempotency claims, as Orleans' real grain storage on PostgreSQL sees them.</summary>
public sealed class IdempotencyRetentionTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = await HiveTestCluster.StartAsync(_database.Store, silos: 1);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_pruned_claim_leaves_its_key_free_for_a_new_task()
    {
        var key = _cluster.Client.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(1, "order-7"));
        var first = Guid.NewGuid();
        Assert.Equal(first, await key.ClaimAsync(first));
        Assert.Equal(first, await key.ClaimAsync(Guid.NewGuid()));

        // What the retention sweep does a day and an hour later, by which time the idle grain is long deactivated.
        await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var silo = ((InProcessSiloHandle)_cluster.Silos[0]).SiloHost.Services;
        var serviceId = silo.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        Assert.Equal(1, await silo.GetRequiredService<IdempotencyClaimPruner>().PruneAsync(serviceId, DateTimeOffset.UtcNow.AddMinutes(1), max: 10));

        var second = Guid.NewGuid();
        Assert.Equal(second, await key.ClaimAsync(second));
        Assert.Equal(second, await key.ClaimAsync(Guid.NewGuid()));
    }
}
