using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>One review queue a reviewer may work, as <c>GET /review/v1/queues</c> lists it.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="ProjectName">Its name.</param>
/// <param name="Queue"><c>main</c> or <c>escalated</c>.</param>
/// <param name="Pending">Tasks waiting in it, leased ones included.</param>
/// <param name="Leased">How many of them a reviewer holds now.</param>
/// <param name="OldestPendingOn">When the oldest waiting task entered it; null when empty.</param>
/// <param name="OldestPendingAgeSeconds">How long that task has waited, in whole seconds; null when empty.</param>
/// <param name="Labels">The labels a rejection in this project may name.</param>
public sealed record ReviewQueueDocument(
    long ProjectId,
    string ProjectName,
    string Queue,
    long Pending,
    long Leased,
    DateTimeOffset? OldestPendingOn,
    long? OldestPendingAgeSeconds,
    IReadOnlyList<string> Labels)
{
    /// <summary>The document for a queue as it stood at <paramref name="now"/>.</summary>
    public static ReviewQueueDocument From(ReviewQueueView queue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queue);
        long? age = queue.OldestSince is { } since ? (long)Math.Max(0, (now - since).TotalSeconds) : null;
        return new(queue.ProjectId, queue.ProjectName, queue.Queue, queue.Pending, queue.Leased, queue.OldestSince, age, queue.Labels);
    }
}
