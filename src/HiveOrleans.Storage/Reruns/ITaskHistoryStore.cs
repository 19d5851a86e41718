namespace HiveOrleans.Storage.Reruns;

/// <summary>
/// The decisions tasks no longer show, beside their rows (deploy/sql/*/080-reruns.sql). A task's current result stays
/// in its own row; a row here is written only when a rerun replaces it, group-committed like the task writes.
/// </summary>
public interface ITaskHistoryStore
{
    /// <summary>
    /// Records <paramref name="entry"/>'s bytes as the decision <paramref name="entry"/>.SupersededBy replaced; a second
    /// record for the same task and trigger keeps the first (a redone apply).
    /// </summary>
    Task AppendAsync(HistoryRecord entry, CancellationToken cancellationToken = default);

    /// <summary>The task's superseded decisions, oldest first.</summary>
    Task<IReadOnlyList<HistoryRecord>> ReadAsync(Guid taskId, CancellationToken cancellationToken = default);
}

/// <summary>A superseded decision of a task: what replaced it, when it was decided, and the entry as JSON.</summary>
public sealed record HistoryRecord(Guid TaskId, string SupersededBy, DateTimeOffset RecordedOn, byte[] Entry);
