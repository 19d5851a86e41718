using HiveOrleans.Abstractions.Idempotency;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using HiveOrleans.Grains.Results;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// Deletes what is kept only for a while: media whose retention has run out (by default 7 days after its task
/// finished), result-cache entries older than <see cref="ResultCacheOptions.CacheDays"/>, and idempotency claims
/// last written more than <see cref="IdempotencyKeys.Window"/> plus <see cref="ClaimGrace"/> ago; tasks keep their
/// results. Every silo sweeps; deleting is idempotent, so several silos on one store only share the work.
/// </summary>
internal sealed partial class RetentionSweeper(
    IMediaStore store,
    IResultCache results,
    IdempotencyClaimPruner claims,
    IOptions<MediaStoreOptions> options,
    IOptions<ResultCacheOptions> cacheOptions,
    IOptions<ClusterOptions> cluster,
    TimeProvider time,
    ILogger<RetentionSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>
    /// How long past its window a claim is kept. An idempotency grain writes its claim again on the first call after
    /// the window, and one idle for minutes is deactivated, so a row this old belongs to no live activation: deleting
    /// it never leaves a grain holding a version the table no longer has.
    /// </summary>
    public static readonly TimeSpan ClaimGrace = TimeSpan.FromHours(1);

    private const int Batch = 500;
    private PeriodicWork? _work;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetentionSweeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Deletes everything expired now; returns how many media blobs, cache entries and claims went.</summary>
    public async Task<(int Media, int CachedResults, int IdempotencyClaims)> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var media = await DrainAsync(max => store.DeleteExpiredAsync(max, cancellationToken)).ConfigureAwait(false);
        var cacheCutoff = now - cacheOptions.Value.CacheRetention;
        var cached = await DrainAsync(max => results.PruneAsync(cacheCutoff, max, cancellationToken)).ConfigureAwait(false);
        var claimCutoff = now - IdempotencyKeys.Window - ClaimGrace;
        var expiredClaims = await DrainAsync(max => claims.PruneAsync(cluster.Value.ServiceId, claimCutoff, max, cancellationToken)).ConfigureAwait(false);
        if (media + cached + expiredClaims > 0)
        {
            LogDeleted(logger, media, cached, expiredClaims);
        }

        return (media, cached, expiredClaims);
    }

    private static async Task<int> DrainAsync(Func<int, Task<int>> deleteBatch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch(Batch).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted >= Batch);

        return total;
    }

    public void Dispose() => _work?.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _work = new PeriodicWork(options.Value.RetentionSweepInterval, time, SweepOnceAsync, ex => LogSweepFailed(logger, ex));
        _work.Start();
        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _work?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Media} media blobs, {CachedResults} cached results and {IdempotencyClaims} idempotency claims past their retention")]
    private static partial void LogDeleted(ILogger logger, int media, int cachedResults, int idempotencyClaims);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retention sweep failed; the next one will retry")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
