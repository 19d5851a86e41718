using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Wire;
using HiveOrleans.Grains.Callbacks;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Grains.Tasks;

/// <summary>The task's callback: delivery, its retries and resends (docs/callbacks.md).</summary>
internal sealed partial class TaskGrain
{
    /// <summary>How soon a callback that found its destination saturated tries again.</summary>
    private static readonly TimeSpan DeferredRetry = TimeSpan.FromSeconds(5);

    public async Task<TaskSnapshot?> ResendCallbackAsync(string resentBy)
    {
        await LoadAsync();
        if (!Exists)
        {
            return null;
        }

        if (_state.Submission is not { Mode: TaskMode.Async, CallbackUrl: not null })
        {
            throw new TaskRequestException("This task has no callback_url to send to.");
        }

        if (!IsFinished)
        {
            throw new TaskRequestException("The task is not finished yet; its callback will be sent when it is.");
        }

        var now = time.GetUtcNow();
        _state.Callback = (_state.Callback ?? new CallbackStatus()) with
        {
            Succeeded = false,
            StoppedReason = null,
            NextAttemptOn = null,
            ResentOn = now,
            ResentBy = resentBy,
            SeriesStartedOn = now,
        };

        // On record before it is answered: once the resend is stored, a crash cannot lose it.
        await PersistAsync();
        EnsureWorking(recovering: false);
        return Snapshot();
    }

    public async Task<bool> ProbeCallbackAsync()
    {
        await LoadAsync();
        if (_abandoned || !Exists || !OwesCallback)
        {
            return false;
        }

        _probing = true;
        EnsureWorking(recovering: false);
        return true;
    }

    /// <summary>Delivers the callback while one is owed and due now; a retry that is due later is the store's to wake.</summary>
    private async Task SettleCallbackAsync()
    {
        while (OwesCallback)
        {
            var woken = _woken;
            var probing = _probing;
            _woken = false;
            _probing = false;
            var ahead = _state.Callback?.NextAttemptOn is { } next && next > time.GetUtcNow();
            if (ahead && !woken && !probing)
            {
                return;
            }

            // A retry that is merely due is held while its destination fails; a probe, or a retry brought forward because
            // the destination answered again, is sent.
            await DeliverCallbackAsync(sendAnyway: probing || ahead);
        }
    }

    /// <summary>
    /// Makes one attempt and records its outcome (with the next attempt's time, if any). A resend that arrives while
    /// the attempt is in flight starts a new series, which this attempt does not count towards.
    /// </summary>
    private async Task DeliverCallbackAsync(bool sendAnyway)
    {
        var submission = _state.Submission!;
        var before = _state.Callback ?? new CallbackStatus { SeriesStartedOn = _state.CompletedOn };
        var number = before.Attempts + 1;
        var message = new CallbackMessage(
            TaskId,
            new Uri(submission.CallbackUrl!),
            $"{TaskId}-{number}",
            // A callback cannot be paged: it carries every frame (GET pages them with frame_offset/frame_limit).
            TaskDocument.ToUtf8Bytes(Snapshot(), frameLimit: int.MaxValue),
            await webhookSecrets.GetAsync(submission.ProjectId));
        var attempt = await callbacks.DeliverAsync(message, sendAnyway, _stopping.Token);
        var now = time.GetUtcNow();
        var current = _state.Callback ?? before;
        if (attempt.Deferred)
        {
            // Nothing was sent, so no attempt is recorded; the store brings the task back shortly.
            _state.Callback = current with { NextAttemptOn = now + Jittered(DeferredRetry), SeriesStartedOn = current.SeriesStartedOn ?? before.SeriesStartedOn };
            await PersistDurablyAsync();
            return;
        }

        var delays = _options.EffectiveCallbackRetryDelays;
        if (attempt.Held)
        {
            // Not sent: the destination is failing. The task keeps to the backoff it would have after a failure, and is
            // woken sooner if it is picked as a probe or the destination answers again.
            var seriesStart = current.SeriesStartedOn ?? before.SeriesStartedOn ?? now;
            var failed = current.History.Count(a => a.At >= seriesStart);
            var retryAt = now + Jittered(delays[Math.Min(failed, delays.Count - 1)]);
            var givenUp = retryAt - seriesStart > _options.CallbackGiveUpAfter;
            _state.Callback = current with
            {
                NextAttemptOn = givenUp ? null : retryAt,
                StoppedReason = givenUp ? "gave_up" : null,
                LastError = attempt.Error,
                SeriesStartedOn = seriesStart,
            };
            await PersistDurablyAsync();
            return;
        }

        var record = new CallbackAttemptRecord { Attempt = number, At = now, StatusCode = attempt.StatusCode, Error = attempt.Error, Duration = attempt.Duration };
        var history = current.History.Append(record).TakeLast(CallbackStatus.MaxHistory).ToArray();
        var resentMeanwhile = current.SeriesStartedOn != before.SeriesStartedOn;
        DateTimeOffset? next = null;
        string? stopped = null;
        if (!attempt.Succeeded && !resentMeanwhile)
        {
            var seriesStart = before.SeriesStartedOn ?? now;
            var failures = history.Count(a => a.At >= seriesStart);
            var candidate = now + Jittered(delays[Math.Min(failures - 1, delays.Count - 1)]);
            if (attempt.Gone)
            {
                stopped = "gone";
            }
            else if (attempt.Refused)
            {
                // The address policy refused the destination: no retry can succeed until the operator allows it.
                stopped = "refused";
            }
            else if (candidate - seriesStart > _options.CallbackGiveUpAfter)
            {
                stopped = "gave_up";
            }
            else
            {
                next = candidate;
            }
        }

        _state.Callback = current with
        {
            Attempts = number,
            Succeeded = attempt.Succeeded && !resentMeanwhile,
            LastStatusCode = attempt.StatusCode,
            LastError = attempt.Error,
            LastAttemptOn = now,
            NextAttemptOn = next,
            StoppedReason = stopped,
            SeriesStartedOn = current.SeriesStartedOn ?? before.SeriesStartedOn,
            History = history,
        };
        await PersistDurablyAsync();
        if (stopped is not null)
        {
            LogCallbackStopped(logger, TaskId, stopped, number);
        }
    }

    /// <summary>Full jitter, floored at a tenth of the step so a retry never comes at once.</summary>
    private static TimeSpan Jittered(TimeSpan step) => step * (0.1 + (0.9 * Random.Shared.NextDouble()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for task {TaskId} stopped ({Reason}) after {Attempts} attempts")]
    private static partial void LogCallbackStopped(ILogger logger, Guid taskId, string reason, int attempts);
}
