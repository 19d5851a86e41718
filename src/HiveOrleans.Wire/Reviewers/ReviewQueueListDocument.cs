using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>The answer to <c>GET /review/v1/queues</c>: every queue the reviewer may work, empty ones included.</summary>
/// <param name="Queues">In the order the desk gives them.</param>
public sealed record ReviewQueueListDocument(IReadOnlyList<ReviewQueueDocument> Queues)
{
    /// <summary>The document for the queues as they stood at <paramref name="now"/>.</summary>
    public static ReviewQueueListDocument From(IEnumerable<ReviewQueueView> queues, DateTimeOffset now) =>
        new([.. queues.Select(q => ReviewQueueDocument.From(q, now))]);
}
