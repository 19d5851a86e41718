using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Results;
using HiveOrleans.Storage.Media;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Processing: the background work of a task (download, cached result or model run, then the result written), run off
/// the grain's calls and bounded in how often a crash may interrupt it.
/// </summary>
internal sealed partial class TaskGrain
{
    private static readonly TimeSpan WorkKeepAlive = TimeSpan.FromMinutes(15);
    private Task? _work;

    /// <summary>How far the running model has come, as it last reported; in memory only (a restarted run starts over).</summary>
    private TaskProgress? _progress;

    private void EnsureWorking(bool recovering)
    {
        if (_work is null || _work.IsCompleted)
        {
            _work = WorkAsync(recovering);
        }
    }

    private async Task WorkAsync(bool recovering)
    {
        // Background work is not a request, so it would not keep an idle activation from being collected mid-run.
        DelayDeactivation(WorkKeepAlive);
        try
        {
            var wait = FirstStoreRetry;
            while (true)
            {
                try
                {
                    if (!IsFinished)
                    {
                        await ProcessAsync(recovering || _state.Phase == TaskPhase.Processing);
                    }

                    await SettleCallbackAsync();
                    break;
                }
                catch (Exception ex) when (IsStoreOutage(ex))
                {
                    // Something the work reads (media, a project's lists) is in the store, which is away: try again
                    // when it answers rather than fail the task or wait for the sweeper.
                    LogWaitingForStore(logger, TaskId, wait.TotalMilliseconds, ex);
                    recovering = false;
                    await Task.Delay(wait, time, _stopping.Token);
                    wait = Longer(wait);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The activation is going; OnDeactivateAsync hands the task over.
        }
        catch (Exception ex)
        {
            // The row stays due, so the sweeper resumes this task after its lease; nothing is lost.
            LogWorkFailed(logger, TaskId, ex);
        }
        finally
        {
            DelayDeactivation(TimeSpan.Zero);
            if (((IsFinished && !OwesCallback) || (AwaitsReview && !ReviewTimedOut)) && _observers.Count == 0)
            {
                // Done (or waiting for a reviewer), and stored: at thousands of tasks a second, such activations would
                // otherwise pile up for the collection age. A later GET or decision reads the row again.
                DeactivateOnIdle();
            }
        }
    }

    private async Task ProcessAsync(bool interrupted)
    {
        if (AwaitsReview)
        {
            // Only a review whose time ran out has work: it completes with the model's answer.
            if (ReviewTimedOut)
            {
                await TimeOutReviewAsync();
            }

            return;
        }

        if (_state.HandedOver)
        {
            // Its previous silo stopped gracefully and handed it over: that was no crash.
            _state.HandedOver = false;
            interrupted = false;
        }

        if (interrupted)
        {
            // A previous run may have crashed its silo; count it so a poison task ends instead of looping forever.
            _state.Recoveries++;
            if (_state.Recoveries > _options.MaxRecoveries)
            {
                await FinishAsync(output: null, "MODEL_FAILED", $"Processing was interrupted {_options.MaxRecoveries} times; giving up.");
                return;
            }

            await PersistDurablyAsync();
        }

        var submission = _state.Submission!;
        ModerationOutput output;
        ResultLookup lookup;
        try
        {
            if (submission.Url is not null && _state.Media is null)
            {
                // Downloading is part of processing; its result is written with the task's result.
                MarkProcessing();
                _state.Media = await downloads.DownloadAsync(submission, _stopping.Token);
                _state.InputHash = _state.Media.Md5;
            }

            lookup = await results.FindAsync(submission, _state.InputHash);
            if (lookup.Found is { } cached)
            {
                _state.FromCache = true;
                await FinishOrReviewAsync(submission, cached);
                return;
            }

            output = await RunModelAsync(submission);
        }
        catch (TaskFailedException ex)
        {
            LogTaskFailed(logger, TaskId, ex.Code, ex.Message);
            await FinishAsync(output: null, ex.Code, ex.Message);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !IsStoreOutage(ex))
        {
            LogModelFailed(logger, TaskId, ex);
            var message = ex is ModelUnavailableException ? ex.Message : "The model failed on this input.";
            await FinishAsync(output: null, "MODEL_FAILED", message);
            return;
        }

        await FinishOrReviewAsync(submission, output);
        await results.RememberAsync(TaskId, submission, lookup, output);
    }

    private async Task<ModerationOutput> RunModelAsync(TaskSubmission submission)
    {
        var context = submission.HasCustomLists
            ? await modelContexts.GetAsync(submission.ProjectId, submission.ConfigVersion)
            : ModelContext.Empty;
        // The model reports from the thread pool; each report is applied on this activation's scheduler.
        _progress = null;
        var progress = new GrainProgress<TaskProgress>(TaskScheduler.Current, ReportProgress);
        if (_state.Media is not { } media)
        {
            return await models.RunAsync(new ModelInput(submission, context, Progress: progress), MarkProcessing, _stopping.Token);
        }

        MediaFile file;
        try
        {
            file = await mediaStore.GetFileAsync(media.Key);
        }
        catch (MediaNotFoundException ex)
        {
            throw new TaskFailedException(TaskFailedException.ModelFailed, "The media is no longer stored (its retention ran out before the task was processed).", ex);
        }

        await using (file)
        {
            return await models.RunAsync(new ModelInput(submission, context, media, file.Path, progress), MarkProcessing, _stopping.Token);
        }
    }

    /// <summary>
    /// A model has the task now. PROCESSING is visible to polls and observers from memory; persisting it too would
    /// add a write to every task.
    /// </summary>
    private void MarkProcessing()
    {
        // A URL task is already processing while it downloads; observers hear of it once.
        if (_state.Phase == TaskPhase.Processing)
        {
            return;
        }

        _state.Phase = TaskPhase.Processing;
        _state.ProcessingStartedOn ??= time.GetUtcNow();
        Publish();
    }

    private void ReportProgress(TaskProgress progress)
    {
        // A report that comes after the run ended (it is queued) is no news.
        if (_state.Phase != TaskPhase.Processing || progress == _progress)
        {
            return;
        }

        _progress = progress;
        Publish();
    }

    private async Task FinishAsync(ModerationOutput? output, string? errorCode, string? errorMessage)
    {
        _progress = null;
        _state.Output = output;
        _state.ErrorCode = errorCode;
        _state.ErrorMessage = errorMessage;
        _state.Phase = errorCode is null ? TaskPhase.Succeeded : TaskPhase.Failed;
        _state.CompletedOn = time.GetUtcNow();
        await PersistDurablyAsync();
        await AfterFinishAsync();
    }

    /// <summary>What follows a finish once it is stored: metrics, waiters, observers and the media's retention.</summary>
    private async Task AfterFinishAsync()
    {
        var errorCode = _state.ErrorCode;
        HiveMetrics.TasksCompleted.Add(1, HiveMetrics.Project(_state.Submission!.ProjectId), HiveMetrics.Model(_state.Submission.ModelType), HiveMetrics.Outcome(errorCode ?? "succeeded"));

        _finished.TrySetResult();
        Publish();
        if (_state.Media is { } media)
        {
            await RetainMediaAsync(media, _state.CompletedOn ?? time.GetUtcNow());
        }
    }

    /// <summary>Media is kept for the retention period after the task finishes; results stay for good.</summary>
    private async Task RetainMediaAsync(TaskMedia media, DateTimeOffset completedOn)
    {
        try
        {
            await mediaStore.RetainUntilAsync(media.Key, completedOn + mediaOptions.Value.Retention);
        }
        catch (Exception ex)
        {
            // The put already granted a full retention period from arrival; this only extends it for slow tasks.
            LogRetainFailed(logger, TaskId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work on task {TaskId} stopped; the task store will resume it")]
    private static partial void LogWorkFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} failed with {Code}: {Reason}")]
    private static partial void LogTaskFailed(ILogger logger, Guid taskId, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not extend the retention of task {TaskId}'s media")]
    private static partial void LogRetainFailed(ILogger logger, Guid taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The model failed on task {TaskId}")]
    private static partial void LogModelFailed(ILogger logger, Guid taskId, Exception exception);
}
