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
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

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

    public void Dispose() => _stopping.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await SweepOnceAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} media blobs past their retention")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A media retention sweep failed; the next one will retry")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
