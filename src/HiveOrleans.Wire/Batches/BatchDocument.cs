using HiveOrleans.Abstractions.Batches;

namespace HiveOrleans.Wire.Batches;

/// <summary>A batch's progress (<c>GET /api/v2/batch/{id}</c>).</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="ProjectId">The project that submitted it.</param>
/// <param name="Status"><c>receiving</c> while its request is being read, <c>in_progress</c>, then <c>finished</c> once every task has finished.</param>
/// <param name="CreatedOn">When it was accepted.</param>
/// <param name="Items">How many items the request carried; null while it is being read.</param>
/// <param name="Accepted">How many became tasks.</param>
/// <param name="Rejected">How many were refused; null while the request is being read.</param>
/// <param name="Pending">Tasks stored and not yet started.</param>
/// <param name="Processing">Tasks being processed or waiting for a reviewer.</param>
/// <param name="Succeeded">Tasks finished with a result.</param>
/// <param name="Failed">Tasks finished with an error.</param>
/// <param name="CallbackUrl">Where the batch callback goes; null for none.</param>
public sealed record BatchDocument(
    Guid BatchId,
    long ProjectId,
    string Status,
    DateTimeOffset CreatedOn,
    int? Items,
    long Accepted,
    int? Rejected,
    long Pending,
    long Processing,
    long Succeeded,
    long Failed,
    string? CallbackUrl)
{
    /// <summary>The document for a batch as the store counts it.</summary>
    public static BatchDocument From(BatchProgress batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var status = batch.Items is null ? "receiving" : batch.IsFinished ? "finished" : "in_progress";
        return new(batch.BatchId, batch.ProjectId, status, batch.CreatedOn, batch.Items, batch.Accepted, batch.Rejected,
            batch.Pending, batch.Processing, batch.Succeeded, batch.Failed, batch.CallbackUrl);
    }
}
