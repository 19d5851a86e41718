using HiveOrleans.Abstractions.Batches;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Hosting;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage.Batches;
using HiveOrleans.Storage.Tasks;
using Orleans.Concurrency;
using Orleans.Storage;

namespace HiveOrleans.Grains.Batches;

/// <summary>
/// Stores a batch's tasks a chunk at a time without activating a task grain for any of them: each task's row is
/// written as its grain would write it on submission (its state <c>PENDING</c>), but due now and marked as handed over,
/// so the sweeper (nudged at once) starts it like a task a stopping silo handed on, and the start counts as no crash.
/// The chunk's writes are queued together and so share the task store's group commit.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class BatchIntakeGrain(
    ITaskStore store,
    IBatchStore batches,
    IGrainStorageSerializer serializer,
    TaskSweeper sweeper,
    ILocalSiloDetails silo,
    TimeProvider time) : Grain, IBatchIntakeGrain
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
        var now = time.GetUtcNow();
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
            writes[i] = store.WriteAsync(new TaskWrite(taskId, submission.ProjectId, null, now, TaskLedgerReason.Work, serializer.Serialize(state).ToArray())
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

        sweeper.Nudge();
    }

    // A batch with a callback URL is owed its callback from now: BatchCallbacks looks whether it has finished.
    public Task CloseAsync(Guid batchId, int items, int rejected) => batches.CloseAsync(batchId, items, rejected, time.GetUtcNow());

    public async Task<BatchProgress?> GetAsync(Guid batchId) =>
        await batches.ReadAsync(batchId) is { } row ? await BatchCounts.ProgressAsync(batches, row) : null;
}
