using HiveOrleans.Abstractions.Batches;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Storage.Batches;

namespace HiveOrleans.Grains.Batches;

/// <summary>A batch's progress from its row and its tasks' phases as the store counted them.</summary>
internal static class BatchCounts
{
    public static async Task<BatchProgress> ProgressAsync(IBatchStore batches, BatchRow row, CancellationToken cancellationToken = default)
    {
        var phases = await batches.CountPhasesAsync(row.BatchId, cancellationToken).ConfigureAwait(false);
        long Count(TaskPhase phase) => phases.GetValueOrDefault((int)phase);
        return new BatchProgress
        {
            BatchId = row.BatchId,
            ProjectId = row.ProjectId,
            CreatedOn = row.CreatedOn,
            CallbackUrl = row.CallbackUrl,
            Items = row.Items,
            Rejected = row.Rejected,
            Pending = Count(TaskPhase.Pending),
            Processing = Count(TaskPhase.Processing) + Count(TaskPhase.AwaitingReview),
            Succeeded = Count(TaskPhase.Succeeded),
            Failed = Count(TaskPhase.Failed),
        };
    }
}
