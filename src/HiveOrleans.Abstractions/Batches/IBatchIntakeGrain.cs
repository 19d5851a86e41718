using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Abstractions.Batches;

/// <summary>
/// Takes in a batch submission's tasks a chunk at a time and answers its progress. A stateless worker: each silo has
/// its own activations, and all it keeps is in the store, so a gateway's chunks go to the silo it is connected to.
/// </summary>
[Alias("HiveOrleans.IBatchIntakeGrain")]
public interface IBatchIntakeGrain : IGrainWithIntegerKey
{
    /// <summary>Records a new batch (its row) before any of its tasks is stored.</summary>
    [Alias("Open")]
    Task OpenAsync(BatchOpening batch);

    /// <summary>
    /// Stores <paramref name="tasks"/> (each <c>PENDING</c> and due now, so the sweeper starts them) in one group commit
    /// and records them, with <paramref name="stored"/> (tasks the batch's items named that exist already: an item with
    /// an idempotency key), as chunk <paramref name="chunk"/> of the batch. Completes once they are durable; throws when
    /// nothing of the chunk may be taken as stored.
    /// </summary>
    [Alias("Admit")]
    Task AdmitAsync(Guid batchId, int chunk, IReadOnlyList<BatchTask> tasks, IReadOnlyList<Guid> stored);

    /// <summary>Records how many items the request carried and how many were refused, once all are answered.</summary>
    [Alias("Close")]
    Task CloseAsync(Guid batchId, int items, int rejected);

    /// <summary>The batch as it stands, or null when there is no such batch.</summary>
    [Alias("Get")]
    Task<BatchProgress?> GetAsync(Guid batchId);
}
