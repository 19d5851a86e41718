using System.Globalization;
using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Media;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Results;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using HiveOrleans.Grains.Results;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// The retention sweep against real stores (a media directory, a SQLite result cache and grain-state table) on a
/// manual clock: media goes when its retention runs out, cached results when they are older than the cache's days,
/// idempotency claims an hour after their window, nothing earlier.
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
    private IdempotencyClaimPruner _claims = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(_database.Store);
        _mediaOptions.Directory = _mediaDirectory;
        _media = MediaStoreFactory.Create(_database.Store, _mediaOptions, _mediaDirectory, _clock);
        _results = ResultCacheFactory.Create(_database.Store, _clock);
        _claims = new IdempotencyClaimPruner(_database.Store, StorageNames.Idempotency);
    }

    public async Task DisposeAsync() => await _claims.DisposeAsync();

    [Fact]
    public async Task Media_and_cached_results_go_when_their_own_retention_runs_out()
    {
        var blob = await _media.PutAsync(new MemoryStream([1, 2, 3, 4]), maxBytes: 1024);
        await _results.StoreAsync(new CachedResult(1, 1, "hash", Guid.NewGuid(), [9], _clock.GetUtcNow()));
        var sweeper = Sweeper();

        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal((0, 0, 0), await sweeper.SweepOnceAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal((1, 0, 0), await sweeper.SweepOnceAsync(CancellationToken.None));
        await Assert.ThrowsAsync<MediaNotFoundException>(() => _media.OpenReadAsync(blob.Key));
        Assert.NotNull(await _results.FindAsync(1, 1, "hash"));

        _clock.Advance(TimeSpan.FromDays(23));
        Assert.Equal((0, 1, 0), await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Null(await _results.FindAsync(1, 1, "hash"));
    }

    [Fact]
    public async Task An_idempotency_claim_goes_an_hour_after_its_window_and_only_this_services()
    {
        await WriteClaimAsync("sweep-test", grainIdN0: 1);
        await WriteClaimAsync("another-service", grainIdN0: 2);
        var sweeper = Sweeper();

        _clock.Advance(IdempotencyKeys.Window + RetentionSweeper.ClaimGrace - TimeSpan.FromMinutes(1));
        Assert.Equal((0, 0, 0), await sweeper.SweepOnceAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal((0, 0, 1), await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Equal((0, 0, 0), await sweeper.SweepOnceAsync(CancellationToken.None));
    }

    private RetentionSweeper Sweeper() => new(
        _media,
        _results,
        _claims,
        Options.Create(_mediaOptions),
        Options.Create(_cacheOptions),
        Options.Create(new ClusterOptions { ServiceId = "sweep-test" }),
        _clock,
        NullLogger<RetentionSweeper>.Instance);

    /// <summary>An idempotency grain's row, written now by the test's clock (in the form SQLite's CURRENT_TIMESTAMP has).</summary>
    private async Task WriteClaimAsync(string serviceId, long grainIdN0)
    {
        await using var connection = new SqliteConnection(_database.Store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, payload, version, modified_at) VALUES ($s, $n, $id, 0, x'7b7d', 1, $at)",
            connection);
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.AddWithValue("$n", StorageNames.Idempotency);
        command.Parameters.AddWithValue("$id", grainIdN0);
        command.Parameters.AddWithValue("$at", _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
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
