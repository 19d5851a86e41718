using HiveOrleans.Abstractions.Callbacks;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Tasks;
using Orleans.Concurrency;

namespace HiveOrleans.Grains.Callbacks;

// Holds nothing but a store, so its calls may interleave: a stateless worker alone takes one call at a time per
// activation (one activation per core), and each call waits on the database.
[StatelessWorker]
[Reentrant]
internal sealed class CallbackMonitorGrain(ITaskStore store) : Grain, ICallbackMonitorGrain
{
    public async Task<IReadOnlyList<FailingCallback>> ListFailingAsync(long projectId, int limit)
    {
        var entries = await store.ListDueAsync(projectId, TaskLedgerReason.Callback, limit);
        var tasks = await Task.WhenAll(entries.Select(e => GrainFactory.GetGrain<ITaskGrain>(e.TaskId).GetAsync()));
        return [.. tasks
            .Where(t => t is { Callback: { Succeeded: false, StoppedReason: null } })
            .Select(t => new FailingCallback
            {
                TaskId = t!.TaskId,
                CallbackUrl = t.Submission.CallbackUrl!,
                Attempts = t.Callback!.Attempts,
                LastStatusCode = t.Callback.LastStatusCode,
                LastError = t.Callback.LastError,
                LastAttemptOn = t.Callback.LastAttemptOn,
                NextAttemptOn = t.Callback.NextAttemptOn,
            })];
    }
}
