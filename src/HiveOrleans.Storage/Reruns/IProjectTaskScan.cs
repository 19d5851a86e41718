namespace HiveOrleans.Storage.Reruns;

/// <summary>
/// Reads a project's stored tasks in creation order, a page at a time, straight from the task table (keyset
/// pagination on its index over project and task id; task ids are version-7 GUIDs, so id order is creation order).
/// </summary>
public interface IProjectTaskScan
{
    /// <summary>
    /// Up to <paramref name="limit"/> of the project's tasks with ids after <paramref name="after"/> and before
    /// <paramref name="before"/>, in id order. Rows with no state (abandoned ids, the previous layout's) are included
    /// with an empty or null state; the caller skips them.
    /// </summary>
    Task<IReadOnlyList<ScannedTask>> ReadPageAsync(long projectId, Guid after, Guid before, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many of the project's tasks have ids after <paramref name="after"/> and before <paramref name="before"/>.</summary>
    Task<long> CountAsync(long projectId, Guid after, Guid before, CancellationToken cancellationToken = default);
}

/// <summary>A task's id and its stored state (null or empty when the row holds none).</summary>
public sealed record ScannedTask(Guid TaskId, byte[]? State);

/// <summary>The task-id bounds of a window of creation times.</summary>
public static class TaskIdBounds
{
    /// <summary>
    /// The lowest id a version-7 GUID made at <paramref name="time"/> can exceed: its millisecond timestamp followed by
    /// zeros. Every task made at or after <paramref name="time"/> sorts after it, every task made before it sorts before.
    /// </summary>
    public static Guid At(DateTimeOffset time)
    {
        var ms = Math.Clamp(time.ToUnixTimeMilliseconds(), 0, (1L << 48) - 1);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        return new Guid(bytes, bigEndian: true);
    }
}
