using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Models;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// Deletes what is kept only for a while: media whose retention has run out (by default 7 days after its task
/// finished) and result-cache entries older than <see cref="ResultCacheOptions.CacheDays"/>; tasks keep their results.
/// Every silo sweeps; deleting is idempotent, so several silos on one store only share the work.
/// </summary>
internal sealed partial class RetentionSweeper(
    IMediaStore store,
    IResultCache results,
    IOptions<MediaStoreOptions> options,
    IOptions<ResultCacheOptions> cacheOptions,
    TimeProvider time,
    ILogger<RetentionSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int Batch = 500;
    private PeriodicWork? _work;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RetentionSweeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Deletes everything expired now; returns how many media blobs and cache entries went.</summary>
    public async Task<(int Media, int CachedResults)> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var media = await DrainAsync(max => store.DeleteExpiredAsync(max, cancellationToken)).ConfigureAwait(false);
        var cutoff = time.GetUtcNow() - cacheOptions.Value.CacheRetention;
        var cached = await DrainAsync(max => results.PruneAsync(cutoff, max, cancellationToken)).ConfigureAwait(false);
        if (media + cached > 0)
        {
            LogDeleted(logger, media, cached);
        }

        return (media, cached);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Media} media blobs and {CachedResults} cached results past their retention")]
    private static partial void LogDeleted(ILogger logger, int media, int cachedResults);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A retention sweep failed; the next one will retry")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
