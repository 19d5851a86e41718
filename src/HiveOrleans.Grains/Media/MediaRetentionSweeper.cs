using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Media;

/// <summary>
/// Deletes media whose retention has run out (by default 7 days after its task finished; results stay). Every silo
/// sweeps; deleting is idempotent, so several silos on one store only share the work.
/// </summary>
internal sealed partial class MediaRetentionSweeper(
    IMediaStore store,
    IOptions<MediaStoreOptions> options,
    TimeProvider time,
    ILogger<MediaRetentionSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int Batch = 500;
    private PeriodicWork? _work;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MediaRetentionSweeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>Deletes everything expired now; returns how many blobs went.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.DeleteExpiredAsync(Batch, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted >= Batch);

        if (total > 0)
        {
            LogDeleted(logger, total);
        }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} media blobs past their retention")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A media retention sweep failed; the next one will retry")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
