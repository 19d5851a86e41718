using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// The durable wake-up. Every silo periodically claims the task store's overdue rows (a lease keeps two silos off the
/// same row) and pokes those tasks, which activates them on a live silo if theirs died. It works the same on
/// SQLite, which has no Orleans reminder service, and costs nothing for tasks that finish before they fall due.
/// </summary>
internal sealed partial class TaskSweeper(
    ITaskStore store,
    IGrainFactory grains,
    IOptions<TaskOptions> options,
    TimeProvider time,
    ILogger<TaskSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int ResumeAttempts = 3;
    private static readonly TimeSpan ResumeRetryPause = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _stopping = new();
    private PeriodicWork? _work;
    private int _nudgeWanted;
    private int _nudging;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TaskSweeper), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>One sweep: claims what is due and resumes it. Returns how many tasks were poked.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await store.ClaimDueAsync(settings.SweepBatch, settings.ResumeLease, cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return 0;
        }

        LogResuming(logger, due.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.ResumeParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (taskId, _) =>
        {
            // Right after a silo's death a call can still meet a stale route to it; a second try a moment later finds
            // the task's new home. Past that, the lease runs out and a later sweep tries again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await grains.GetGrain<ITaskGrain>(taskId).ResumeAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (attempt == ResumeAttempts)
                    {
                        LogResumeFailed(logger, taskId, ex);
                        return;
                    }
                }

                await Task.Delay(ResumeRetryPause, time, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return due.Count;
    }

    /// <summary>
    /// Makes every owed task last written by <paramref name="owner"/> (a silo that died) due now, then sweeps until
    /// nothing due is left. Returns how many of its tasks were brought forward.
    /// </summary>
    public async Task<int> ResumeOwnedByAsync(string owner, CancellationToken cancellationToken)
    {
        var expedited = await store.ExpediteOwnedByAsync(owner, cancellationToken).ConfigureAwait(false);
        if (expedited > 0)
        {
            await SweepAllDueAsync(cancellationToken).ConfigureAwait(false);
        }

        return expedited;
    }

    /// <summary>
    /// Sweeps now, in the background, rather than at the next tick: a batch's tasks are stored due now and start this
    /// way, without a grain call each at acknowledgement. Nudges that come while a sweep runs make one more sweep after it.
    /// </summary>
    public void Nudge()
    {
        Interlocked.Exchange(ref _nudgeWanted, 1);
        if (Interlocked.CompareExchange(ref _nudging, 1, 0) == 0)
        {
            _ = Task.Run(SweepWhileNudgedAsync, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _work?.Dispose();
        _stopping.Dispose();
    }

    private async Task SweepWhileNudgedAsync()
    {
        try
        {
            while (Interlocked.Exchange(ref _nudgeWanted, 0) == 1 && !_stopping.IsCancellationRequested)
            {
                await SweepAllDueAsync(_stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            LogSweepFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            // The silo is stopping; the rows stay due for whoever sweeps next.
        }
        finally
        {
            Volatile.Write(ref _nudging, 0);
        }
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _work = new PeriodicWork(options.Value.SweepInterval, time, SweepAllDueAsync, ex => LogSweepFailed(logger, ex));
        _work.Start();
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_work is { } work)
        {
            await work.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SweepAllDueAsync(CancellationToken stopping)
    {
        // A full batch means more may be waiting: keep going without waiting for the next tick.
        while (await SweepOnceAsync(stopping).ConfigureAwait(false) >= options.Value.SweepBatch)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} overdue tasks")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resume task {TaskId}; a later sweep will retry")]
    private static partial void LogResumeFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sweep for overdue tasks failed; the next one will retry")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
