using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage;

namespace HiveOrleans.Tests.Storage;

/// <summary>
/// What <see cref="IdempotencyClaimPruner"/> deletes from the grain-state table, on each store: old claims of its own
/// service, a batch at a time, and nothing else.
/// </summary>
public abstract class IdempotencyClaimPrunerContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    protected abstract StoreLocation Store { get; }

    public Task InitializeAsync() => SchemaInstaller.ApplyAsync(Store);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Only_its_services_claims_written_before_the_cutoff_go_a_batch_at_a_time()
    {
        for (var i = 0; i < 3; i++)
        {
            await InsertAsync("svc", StorageNames.Idempotency, i, Now.AddDays(-2));
        }

        await InsertAsync("svc", StorageNames.Idempotency, 10, Now.AddHours(-1));
        await InsertAsync("svc", "task", 11, Now.AddDays(-2));
        await InsertAsync("other", StorageNames.Idempotency, 12, Now.AddDays(-2));
        await using var pruner = new IdempotencyClaimPruner(Store, StorageNames.Idempotency);
        var cutoff = Now.AddHours(-25);

        Assert.Equal(2, await pruner.PruneAsync("svc", cutoff, max: 2));
        Assert.Equal(1, await pruner.PruneAsync("svc", cutoff, max: 2));
        Assert.Equal(0, await pruner.PruneAsync("svc", cutoff, max: 2));

        Assert.Equal(new long[] { 10 }, await RowsAsync("svc", StorageNames.Idempotency));
        Assert.Equal(new long[] { 11 }, await RowsAsync("svc", "task"));
        Assert.Equal(new long[] { 12 }, await RowsAsync("other", StorageNames.Idempotency));
    }

    /// <summary>A grain-state row as Orleans' write would leave it, last written at <paramref name="modifiedAt"/>.</summary>
    protected abstract Task InsertAsync(string serviceId, string stateName, long grainIdN0, DateTimeOffset modifiedAt);

    /// <summary>The <c>grain_id_n0</c> of every row of the state, in order.</summary>
    protected abstract Task<long[]> RowsAsync(string serviceId, string stateName);
}
