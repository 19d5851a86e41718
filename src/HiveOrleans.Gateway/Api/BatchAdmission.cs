using HiveOrleans.Abstractions.Batches;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Quotas;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire.Batches;
using HiveOrleans.Wire.Rules;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// Takes in a batch's items as they are read: each is checked like a single async submission and takes its own quota
/// admission, and the accepted ones are stored a chunk at a time (<see cref="BatchLimits.ChunkSize"/> per call to a
/// silo, one group commit), a few chunks in flight while reading goes on. An item with an <c>idempotency_key</c> goes
/// the single-submission way (its key decides whether a task is made), one grain call each.
/// </summary>
internal sealed class BatchAdmission(IGrainFactory grains, TaskAdmission single, QuotaLimiter quotas, TimeProvider time)
{
    /// <summary>How many chunks may be out to the silos at once while reading goes on.</summary>
    private const int ChunksInFlight = 4;

    /// <summary>Admits every item of <paramref name="items"/> and returns the batch id and each item's outcome, in order.</summary>
    public async Task<(Guid BatchId, IReadOnlyList<BatchItemOutcome> Items)> AdmitAsync(
        ProjectConfig project, IAsyncEnumerable<BatchItem> items, string? callbackUrl, CancellationToken aborted)
    {
        var batchId = Guid.CreateVersion7();

        // Any silo will do, and a stateless worker runs on the silo of the call: the gateway's own in embedded mode.
        var intake = grains.GetGrain<IBatchIntakeGrain>(0);
        await intake.OpenAsync(new BatchOpening { BatchId = batchId, ProjectId = project.ProjectId, CreatedOn = time.GetUtcNow(), CallbackUrl = callbackUrl });

        var outcomes = new List<BatchItemOutcome>();
        var chunk = new List<(int Index, BatchTask Task)>(BatchLimits.ChunkSize);
        var existing = new List<Guid>();
        var stored = new Queue<Task<List<(int Index, BatchItemOutcome Outcome)>>>();
        var chunkNumber = 0;
        await foreach (var item in items.WithCancellation(aborted))
        {
            var index = outcomes.Count;
            outcomes.Add(default);
            if (await AcceptAsync(project, item, aborted) is { } accepted)
            {
                if (accepted.Task is { } task)
                {
                    chunk.Add((index, task));
                }
                else
                {
                    outcomes[index] = accepted.Outcome;
                    if (accepted.Outcome.TaskId is { } taskId)
                    {
                        existing.Add(taskId);
                    }
                }
            }

            if (chunk.Count + existing.Count == BatchLimits.ChunkSize)
            {
                stored.Enqueue(StoreAsync(intake, project, batchId, chunkNumber++, [.. chunk], [.. existing]));
                chunk.Clear();
                existing.Clear();
                while (stored.Count >= ChunksInFlight)
                {
                    Apply(outcomes, await stored.Dequeue());
                }
            }
        }

        if (chunk.Count + existing.Count > 0)
        {
            stored.Enqueue(StoreAsync(intake, project, batchId, chunkNumber, [.. chunk], [.. existing]));
        }

        while (stored.Count > 0)
        {
            Apply(outcomes, await stored.Dequeue());
        }

        await intake.CloseAsync(batchId, outcomes.Count, outcomes.Count(o => o.TaskId is null));
        return (batchId, outcomes);
    }

    /// <summary>
    /// Checks an item and takes its quota admission: a task to store (in a chunk), an outcome already settled (refused,
    /// or an idempotent item submitted on its own).
    /// </summary>
    private async Task<(BatchTask? Task, BatchItemOutcome Outcome)?> AcceptAsync(ProjectConfig project, BatchItem item, CancellationToken aborted)
    {
        try
        {
            var fields = item.Fields ?? throw item.Error!;
            SubmissionRules.Check(fields, project);
            if (fields.IdempotencyKey is not null)
            {
                var task = await single.SubmitAsync(project, fields, TaskMode.Async, aborted);
                return (null, BatchItemOutcome.Accepted(task.TaskId));
            }

            var decision = await quotas.TryAcquireAsync(project);
            if (!decision.Admitted)
            {
                quotas.RecordRejected(project.ProjectId);
                throw TaskAdmission.QuotaExceeded(project, decision);
            }

            return (new BatchTask(Guid.CreateVersion7(), single.Submission(project, fields, TaskMode.Async)), default);
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested)
        {
            var error = ApiErrorHandling.Classify(ex);
            return (null, BatchItemOutcome.Refused(error.StatusCode, error.Message));
        }
    }

    /// <summary>
    /// Stores one chunk; if it cannot be, each of its new items gets the error and its quota back. Tasks of
    /// <paramref name="existing"/> (idempotent items, stored on their own) are only listed as the batch's.
    /// </summary>
    private async Task<List<(int Index, BatchItemOutcome Outcome)>> StoreAsync(
        IBatchIntakeGrain intake, ProjectConfig project, Guid batchId, int chunkNumber, (int Index, BatchTask Task)[] chunk, Guid[] existing)
    {
        try
        {
            await intake.AdmitAsync(batchId, chunkNumber, [.. chunk.Select(c => c.Task)], existing);
            foreach (var (_, task) in chunk)
            {
                quotas.RecordAccepted(project.ProjectId, task.Submission.Charge);
            }

            return [.. chunk.Select(c => (c.Index, BatchItemOutcome.Accepted(c.Task.TaskId)))];
        }
        catch (Exception ex)
        {
            var error = ApiErrorHandling.Classify(ex);
            foreach (var _ in chunk)
            {
                quotas.Release(project);
            }

            return [.. chunk.Select(c => (c.Index, BatchItemOutcome.Refused(error.StatusCode, error.Message)))];
        }
    }

    private static void Apply(List<BatchItemOutcome> outcomes, List<(int Index, BatchItemOutcome Outcome)> settled)
    {
        foreach (var (index, outcome) in settled)
        {
            outcomes[index] = outcome;
        }
    }
}
