using HiveOrleans.Grains.Callbacks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage.Batches;
using HiveOrleans.Wire.Batches;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Batches;

/// <summary>
/// Delivers batch callbacks. Every silo, every <see cref="BatchOptions.CallbackCheckInterval"/>, takes the batches whose
/// callback is due (a lease in the store keeps other silos off them), counts each one's tasks, and when every task has
/// finished POSTs the signed batch document through <see cref="CallbackDelivery"/>, the task callbacks' sender;
/// otherwise it looks again one interval later. A failed attempt is retried at the task callbacks' steps
/// (<see cref="TaskOptions.CallbackRetryDelays"/>, with the same jitter) until <see cref="TaskOptions.CallbackGiveUpAfter"/>
/// after the first; all of it is in the batch's row, so a silo that dies loses nothing but its lease.
/// </summary>
internal sealed partial class BatchCallbacks(
    IBatchStore batches,
    CallbackDelivery delivery,
    WebhookSecretCache secrets,
    IOptions<BatchOptions> options,
    IOptions<TaskOptions> taskOptions,
    TimeProvider time,
    ILogger<BatchCallbacks> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int ClaimBatch = 20;

    private PeriodicWork? _work;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BatchCallbacks), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>One round: every due batch is looked at once. Returns how many callbacks were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var delivered = 0;
        foreach (var row in await batches.ClaimCallbacksAsync(ClaimBatch, now, now + settings.CallbackLease, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                delivered += await SettleAsync(row, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The lease runs out and a later round (here or on another silo) tries again.
                LogFailed(logger, row.BatchId, ex);
            }
        }

        return delivered;
    }

    public void Dispose() => _work?.Dispose();

    private async Task<bool> SettleAsync(BatchRow row, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var progress = await BatchCounts.ProgressAsync(batches, row, cancellationToken).ConfigureAwait(false);
        if (!progress.IsFinished || row.CallbackUrl is null)
        {
            await batches.ScheduleCallbackAsync(row.BatchId, now + options.Value.CallbackCheckInterval, row.CallbackAttempts, row.CallbackOutcome, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var taskIds = await batches.ListTaskIdsAsync(row.BatchId, cancellationToken).ConfigureAwait(false);
        var number = row.CallbackAttempts + 1;
        var message = new CallbackMessage(
            row.BatchId,
            new Uri(row.CallbackUrl),
            $"batch-{row.BatchId}-{number}",
            BatchCallbackDocument.ToUtf8Bytes(progress, taskIds),
            await secrets.GetAsync(row.ProjectId).ConfigureAwait(false));
        // Never held for a failing destination: only a task's callback can be woken as the destination's probe, so a held
        // batch callback would wait for task callbacks to that destination, which it may never get. A batch sends one
        // request per step of its own backoff, and its success brings the destination's held task callbacks forward.
        var attempt = await delivery.DeliverAsync(message, sendAnyway: true, cancellationToken).ConfigureAwait(false);
        if (attempt.Succeeded)
        {
            await batches.ScheduleCallbackAsync(row.BatchId, null, number, $"delivered {attempt.StatusCode}", cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (attempt.Deferred)
        {
            // Not an attempt: the destination has as many callbacks in flight as it may. Look again shortly.
            await batches.ScheduleCallbackAsync(row.BatchId, now + options.Value.CallbackCheckInterval, row.CallbackAttempts, attempt.Error, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var outcome = attempt.StatusCode is { } status ? $"failed: answered {status}" : $"failed: {attempt.Error}";
        var next = attempt.Refused ? (DateTimeOffset?)null : NextAttempt(now, number, row.CreatedOn);
        await batches.ScheduleCallbackAsync(row.BatchId, next, number, next is null ? outcome + " (given up)" : outcome, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>The task callbacks' schedule: the step for this attempt, jittered; none once past the give-up time.</summary>
    private DateTimeOffset? NextAttempt(DateTimeOffset now, int failed, DateTimeOffset createdOn)
    {
        var settings = taskOptions.Value;
        var delays = settings.EffectiveCallbackRetryDelays;
        var step = delays[Math.Min(failed - 1, delays.Count - 1)];
        var next = now + step * (0.1 + (0.9 * Random.Shared.NextDouble()));
        return next - createdOn > settings.CallbackGiveUpAfter ? null : next;
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _work = new PeriodicWork(options.Value.CallbackCheckInterval, time, RunOnceAsync, ex => LogRoundFailed(logger, ex));
        _work.Start();
        return Task.CompletedTask;
    }

    private Task StopAsync(CancellationToken cancellationToken) => _work?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The callback of batch {BatchId} could not be settled; a later round retries")]
    private static partial void LogFailed(ILogger logger, Guid batchId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of batch callbacks failed; the next one retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
