namespace HiveOrleans.Storage.Batches;

/// <summary>A batch's row.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="ProjectId">The project that submitted it.</param>
/// <param name="CreatedOn">When it was accepted.</param>
/// <param name="CallbackUrl">Where the batch callback goes; null for none.</param>
/// <param name="Items">How many items the request carried; null until it has been read to its end.</param>
/// <param name="Rejected">How many items were refused; null until the request has been read to its end.</param>
/// <param name="CallbackAttempts">How many attempts to deliver the batch callback were made.</param>
/// <param name="CallbackOutcome">The last attempt's outcome (<c>delivered 200</c>, <c>failed: …</c>), or null before the first.</param>
public sealed record BatchRow(
    Guid BatchId, long ProjectId, DateTimeOffset CreatedOn, string? CallbackUrl, int? Items = null, int? Rejected = null, int CallbackAttempts = 0, string? CallbackOutcome = null);
