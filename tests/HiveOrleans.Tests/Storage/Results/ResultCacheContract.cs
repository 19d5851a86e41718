using HiveOrleans.Storage;
using HiveOrleans.Storage.Results;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Storage.Results;

/// <summary>
/// What every <see cref="IResultCache"/> must do, whatever the database. Each dialect runs these facts through a
/// derived class; each fact starts from an empty cache.
/// </summary>
public abstract class ResultCacheContract : IAsyncLifetime
{
    private readonly List<IResultCache> _caches = [];

    protected ManualClock Clock { get; } = new();

    protected abstract StoreLocation Store { get; }

    /// <summary>Empties the cache's table.</summary>
    protected abstract Task EmptyAsync();

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(Store);
        await EmptyAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var cache in _caches.OfType<IAsyncDisposable>())
        {
            await cache.DisposeAsync();
        }
    }

    [Fact]
    public async Task Finding_what_was_never_stored_misses()
    {
        Assert.Null(await NewCache().FindAsync(1, 1, "d41d8cd98f00b204e9800998ecf8427e"));
    }

    [Fact]
    public async Task A_stored_result_is_found_as_it_was_stored()
    {
        var cache = NewCache();
        var result = Result(projectId: 42, configVersion: 3, inputHash: "9e107d9d372bb6826bd81d3542a419d6", output: [1, 2, 3, 0, 255]);

        await cache.StoreAsync(result);

        var found = await cache.FindAsync(42, 3, "9e107d9d372bb6826bd81d3542a419d6");
        Assert.NotNull(found);
        Assert.Equal(result.TaskId, found.TaskId);
        Assert.Equal(result.Output, found.Output);
        Assert.Equal(result.CompletedOn, found.CompletedOn);
        Assert.Equal(TimeSpan.Zero, found.CompletedOn.Offset);
        Assert.Equal((42L, 3, "9e107d9d372bb6826bd81d3542a419d6"), (found.ProjectId, found.ConfigVersion, found.InputHash));
    }

    [Fact]
    public async Task A_result_is_found_only_for_its_project_configuration_version_and_input()
    {
        var cache = NewCache();
        await cache.StoreAsync(Result(projectId: 7, configVersion: 2, inputHash: "aaaa"));

        Assert.NotNull(await cache.FindAsync(7, 2, "aaaa"));
        Assert.Null(await cache.FindAsync(7, 3, "aaaa"));
        Assert.Null(await cache.FindAsync(7, 1, "aaaa"));
        Assert.Null(await cache.FindAsync(8, 2, "aaaa"));
        Assert.Null(await cache.FindAsync(7, 2, "aaab"));
        Assert.Null(await cache.FindAsync(7, 2, "AAAA"));
    }

    [Fact]
    public async Task The_first_result_stored_for_an_input_wins()
    {
        var cache = NewCache();
        var first = Result(projectId: 1, configVersion: 1, inputHash: "same", output: [1]);
        var second = Result(projectId: 1, configVersion: 1, inputHash: "same", output: [2]);

        await cache.StoreAsync(first);
        await cache.StoreAsync(second);

        var found = await cache.FindAsync(1, 1, "same");
        Assert.Equal(first.TaskId, found?.TaskId);
        Assert.Equal(first.Output, found?.Output);
    }

    [Fact]
    public async Task Concurrent_stores_for_one_input_all_succeed_and_one_of_them_is_kept()
    {
        var caches = Enumerable.Range(0, 3).Select(_ => NewCache()).ToList();
        var results = Enumerable.Range(0, 12).Select(i => Result(projectId: 5, configVersion: 9, inputHash: "contended", output: [(byte)i])).ToList();

        await Task.WhenAll(results.Select((result, i) => Task.Run(() => caches[i % caches.Count].StoreAsync(result))));

        var found = await caches[0].FindAsync(5, 9, "contended");
        var kept = Assert.Single(results, result => result.TaskId == found?.TaskId);
        Assert.Equal(kept.Output, found?.Output);
    }

    [Fact]
    public async Task A_result_is_visible_to_a_cache_opened_afterwards()
    {
        var output = new byte[100_000];
        new Random(3).NextBytes(output);
        var result = Result(projectId: 2, configVersion: 1, inputHash: "large", output: output);
        await NewCache().StoreAsync(result);

        var found = await NewCache().FindAsync(2, 1, "large");

        Assert.Equal(output, found?.Output);
    }

    [Fact]
    public async Task Many_calls_at_once_each_get_their_own_answer()
    {
        // Lookups and stores may be batched into shared round trips; every caller must still get its own entry back.
        var cache = NewCache();
        var results = Enumerable.Range(0, 300).Select(i => Result(projectId: 7, configVersion: i % 3, inputHash: $"hash-{i}", output: [(byte)i, (byte)(i >> 8)])).ToList();
        await Task.WhenAll(results.Select(r => Task.Run(() => cache.StoreAsync(r))));

        // Even lookups ask for an entry's own config version (a hit), odd ones for another (a miss).
        static int VersionAsked(int i) => (i % 300 % 3 + (i % 2)) % 3;
        var lookups = Enumerable.Range(0, 600).Select(i => Task.Run(() => cache.FindAsync(7, VersionAsked(i), $"hash-{i % 300}"))).ToList();
        var found = await Task.WhenAll(lookups);

        for (var i = 0; i < found.Length; i++)
        {
            var expected = results[i % 300];
            if (i % 2 == 0)
            {
                Assert.Equal(expected.TaskId, found[i]?.TaskId);
                Assert.Equal(expected.Output, found[i]?.Output);
            }
            else
            {
                Assert.Null(found[i]);
            }
        }
    }

    [Fact]
    public async Task Pruning_deletes_entries_stored_before_the_cutoff_oldest_first_and_no_more_than_asked()
    {
        var cache = NewCache();
        await cache.StoreAsync(Result(projectId: 9, configVersion: 1, inputHash: "oldest"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await cache.StoreAsync(Result(projectId: 9, configVersion: 1, inputHash: "older"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var cutoff = Clock.GetUtcNow();
        await cache.StoreAsync(Result(projectId: 9, configVersion: 1, inputHash: "fresh"));

        Assert.Equal(1, await cache.PruneAsync(cutoff, max: 1));
        Assert.Null(await cache.FindAsync(9, 1, "oldest"));
        Assert.NotNull(await cache.FindAsync(9, 1, "older"));

        Assert.Equal(1, await cache.PruneAsync(cutoff, max: 100));
        Assert.Null(await cache.FindAsync(9, 1, "older"));
        Assert.NotNull(await cache.FindAsync(9, 1, "fresh"));
        Assert.Equal(0, await cache.PruneAsync(cutoff, max: 100));
    }

    private CachedResult Result(long projectId, int configVersion, string inputHash, byte[]? output = null) =>
        new(projectId, configVersion, inputHash, Guid.NewGuid(), output ?? [42], Clock.GetUtcNow().AddMilliseconds(-1234));

    private IResultCache NewCache()
    {
        var cache = ResultCacheFactory.Create(Store, Clock);
        _caches.Add(cache);
        return cache;
    }
}
