namespace HiveOrleans.Storage.Batches;

/// <summary>
/// Where batch submissions are recorded: a row per batch and, per stored chunk of its tasks, the chunk's task ids. The
/// tasks themselves are the task store's rows; a batch's progress is counted from them when asked.
/// </summary>
public interface IBatchStore
{
    /// <summary>Records a new batch.</summary>
    Task CreateAsync(BatchRow batch, CancellationToken cancellationToken = default);

    /// <summary>Records chunk <paramref name="chunk"/> of the batch: the ids of tasks already stored.</summary>
    Task AddChunkAsync(Guid batchId, int chunk, IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the request has been read: how many items it carried and how many were refused; with a callback
    /// owed (the batch has a callback URL), when the silos should first look whether every task has finished
    /// (<paramref name="callbackDueAt"/>).
    /// </summary>
    Task CloseAsync(Guid batchId, int items, int rejected, DateTimeOffset? callbackDueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically takes up to <paramref name="max"/> batches whose callback is due at <paramref name="now"/> and pushes
    /// each one's due time to <paramref name="leaseUntil"/>, so no other silo takes it meanwhile; returns their rows.
    /// </summary>
    Task<IReadOnlyList<BatchRow>> ClaimCallbacksAsync(int max, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Records a callback's attempts and outcome and when it is next due (null: nothing more is owed).</summary>
    Task ScheduleCallbackAsync(Guid batchId, DateTimeOffset? dueAt, int attempts, string? outcome, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes every task of the batch that is due later than <paramref name="now"/> due now, so the sweepers start them
    /// (the version is unchanged, as a sweeper's claim leaves it). Returns how many.
    /// </summary>
    Task<int> StartTasksAsync(Guid batchId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The batch's task ids in the order its items were sent.</summary>
    Task<IReadOnlyList<Guid>> ListTaskIdsAsync(Guid batchId, CancellationToken cancellationToken = default);

    /// <summary>The batch's row, or null when there is none.</summary>
    Task<BatchRow?> ReadAsync(Guid batchId, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many of the batch's tasks are in each phase, keyed by the phase's number as the task state stores it
    /// (<c>TaskPhase</c>); a task whose row has no state yet is not counted.
    /// </summary>
    Task<IReadOnlyDictionary<int, long>> CountPhasesAsync(Guid batchId, CancellationToken cancellationToken = default);
}
