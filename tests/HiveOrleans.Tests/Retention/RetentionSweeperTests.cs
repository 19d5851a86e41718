using HiveOrleans.Grains.Media;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Results;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Retention;

/// <summary>
/// The retention sweep against real stores (a media directory and a SQLite result cache) on a manual clock: media
/// goes when its retention runs out, cached results when they are older than the cache's days, nothing earlier.
/// </summary>
public sealed class RetentionSweeperTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteFile _database = new();
    private readonly string _mediaDirectory = Path.Combine(Path.GetTempPath(), "hive-retention-" + Guid.NewGuid().ToString("n"));
    private readonly ManualClock _clock = new();
    private readonly MediaStoreOptions _mediaOptions = new() { RetentionDays = 7 };
    private readonly ResultCacheOptions _cacheOptions = new() { CacheDays = 30 };
    private IMediaStore _media = null!;
    private IResultCache _results = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(_database.Store);
        _mediaOptions.Directory = _mediaDirectory;
        _media = MediaStoreFactory.Create(_database.Store, _mediaOptions, _mediaDirectory, _clock);
        _results = ResultCacheFactory.Create(_database.Store, _clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Media_and_cached_results_go_when_their_own_retention_runs_out()
    {
        var blob = await _media.PutAsync(new MemoryStream([1, 2, 3, 4]), maxBytes: 1024);
        await _results.StoreAsync(new CachedResult(1, 1, "hash", Guid.NewGuid(), [9], _clock.GetUtcNow()));
        var sweeper = new RetentionSweeper(_media, _results, Options.Create(_mediaOptions), Options.Create(_cacheOptions), _clock, NullLogger<RetentionSweeper>.Instance);

        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal((0, 0), await sweeper.SweepOnceAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal((1, 0), await sweeper.SweepOnceAsync(CancellationToken.None));
        await Assert.ThrowsAsync<MediaNotFoundException>(() => _media.OpenReadAsync(blob.Key));
        Assert.NotNull(await _results.FindAsync(1, 1, "hash"));

        _clock.Advance(TimeSpan.FromDays(23));
        Assert.Equal((0, 1), await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Null(await _results.FindAsync(1, 1, "hash"));
    }

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_mediaDirectory))
        {
            Directory.Delete(_mediaDirectory, recursive: true);
        }
    }
}
