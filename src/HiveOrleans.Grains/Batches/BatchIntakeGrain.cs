using HiveOrleans.Abstractions.Batches;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage.Batches;
using HiveOrleans.Storage.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;

namespace HiveOrleans.Grains.Batches;

/// <summary>
/// Stores a batch's tasks a chunk at a time without activating a task grain for any of them: each task's row is
/// written as its grain would write it on submission (its state <c>PENDING</c>, due after <see cref="TaskOptions.RecoverAfter"/>)
/// and marked as handed over. When the request has been read, the batch's rows are made due now and the sweeper (nudged
/// at once) starts them like tasks a stopping silo handed on, so the start counts as no crash; should the request
/// never end, the sweeper finds them when they fall due. The chunk's writes are queued together and so share the task
/// store's group commit.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed partial class BatchIntakeGrain(
    ITaskStore store,
    IBatchStore batches,
    IGrainStorageSerializer serializer,
    TaskSweeper sweeper,
    IOptions<TaskOptions> options,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<BatchIntakeGrain> logger) : Grain, IBatchIntakeGrain
{
    public Task OpenAsync(BatchOpening batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batches.CreateAsync(new BatchRow(batch.BatchId, batch.ProjectId, batch.CreatedOn, batch.CallbackUrl));
    }

    public async Task AdmitAsync(Guid batchId, int chunk, IReadOnlyList<BatchTask> tasks, IReadOnlyList<Guid> stored)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(stored);
        var due = time.GetUtcNow() + options.Value.RecoverAfter;
        var owner = silo.SiloAddress.ToParsableString();
        var writes = new Task[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var (taskId, submission) = tasks[i];
            var state = new TaskState
            {
                Submission = submission,
                Phase = TaskPhase.Pending,
                InputHash = TaskGrain.HashInput(submission),
                Charge = submission.Charge,
                HandedOver = true,
            };
            writes[i] = store.WriteAsync(new TaskWrite(taskId, submission.ProjectId, null, due, TaskLedgerReason.Work, serializer.Serialize(state).ToArray())
            {
                Owner = owner,
            });
        }

        // All or nothing for the caller: a chunk is acknowledged only when every one of its rows is committed. Rows of a
        // failed chunk that did commit are due now and run; they are simply not the batch's.
        await Task.WhenAll(writes);
        await batches.AddChunkAsync(batchId, chunk, [.. tasks.Select(t => t.TaskId), .. stored]);
        foreach (var group in tasks.GroupBy(t => (t.Submission.ProjectId, t.Submission.ModelType)))
        {
            HiveMetrics.TasksSubmitted.Add(group.Count(), HiveMetrics.Project(group.Key.ProjectId), HiveMetrics.Model(group.Key.ModelType));
        }
    }

    // The tasks start once the whole request has been read, so processing does not take the CPU the rest of it is read
    // with; and off the acknowledgement's path: if this fails, they start when they fall due. A batch with a callback
    // URL is owed its callback from now: BatchCallbacks looks whether it has finished.
    public async Task CloseAsync(Guid batchId, int items, int rejected)
    {
        var now = time.GetUtcNow();
        await batches.CloseAsync(batchId, items, rejected, now);
        _ = Task.Run(() => StartTasksAsync(batchId, now));
    }

    private async Task StartTasksAsync(Guid batchId, DateTimeOffset now)
    {
        try
        {
            if (await batches.StartTasksAsync(batchId, now) > 0)
            {
                sweeper.Nudge();
            }
        }
        catch (Exception ex)
        {
            LogStartFailed(logger, batchId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tasks of batch {BatchId} could not be made due now; they start when they fall due")]
    private static partial void LogStartFailed(ILogger logger, Guid batchId, Exception exception);

    public async Task<BatchProgress?> GetAsync(Guid batchId) =>
        await batches.ReadAsync(batchId) is { } row ? await BatchCounts.ProgressAsync(batches, row) : null;
}
