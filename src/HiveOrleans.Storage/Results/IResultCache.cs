namespace HiveOrleans.Storage.Results;

/// <summary>
/// Finished tasks' outputs, kept under what determines them: the project, the version of the project's
/// configuration the task ran with, and the hash of its input. A task that finds an entry for its three can take
/// that output instead of running the models again. Entries are written once and never change: when two tasks with
/// the same input finish at once, the first one stored wins and later stores change nothing.
/// Behaves the same on SQLite and PostgreSQL.
/// </summary>
public interface IResultCache
{
    /// <summary>The stored result for the project, configuration version and input hash, or null when there is none.</summary>
    Task<CachedResult?> FindAsync(long projectId, int configVersion, string inputHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="result"/> unless an entry for its project, configuration version and input hash already
    /// exists, in which case the existing entry is kept as it is. Committed when the returned task completes.
    /// </summary>
    Task StoreAsync(CachedResult result, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="max"/> entries stored before <paramref name="cachedBefore"/>; returns how many went.</summary>
    Task<int> PruneAsync(DateTimeOffset cachedBefore, int max, CancellationToken cancellationToken = default);
}
