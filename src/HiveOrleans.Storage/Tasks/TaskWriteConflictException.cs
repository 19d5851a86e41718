namespace HiveOrleans.Storage.Tasks;

/// <summary>
/// A write named a version the row is no longer at (or a new task whose row exists): another writer got there first,
/// so what the writer holds is stale.
/// </summary>
public sealed class TaskWriteConflictException : Exception
{
    public TaskWriteConflictException()
    {
    }

    public TaskWriteConflictException(string message)
        : base(message)
    {
    }

    public TaskWriteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TaskWriteConflictException(Guid taskId, int? expectedVersion)
        : base(expectedVersion is null
            ? $"Task {taskId} is already stored."
            : $"Task {taskId} is no longer at version {expectedVersion}; another writer changed it.")
    {
    }

    /// <summary>Completes when a batched write was applied; throws this exception when the store reported a conflict.</summary>
    internal static async Task ThrowIfNotWrittenAsync(Task<bool> written, TaskWrite write)
    {
        if (!await written.ConfigureAwait(false))
        {
            throw new TaskWriteConflictException(write.TaskId, write.ExpectedVersion);
        }
    }
}
