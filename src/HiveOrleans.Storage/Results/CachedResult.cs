namespace HiveOrleans.Storage.Results;

/// <summary>A finished task's output as the result cache keeps it.</summary>
/// <param name="ProjectId">The project the task belonged to.</param>
/// <param name="ConfigVersion">The version of the project's configuration the task ran with.</param>
/// <param name="InputHash">The hash of the task's input (for media, Hive's <c>input.hash</c>); compared as given.</param>
/// <param name="TaskId">The task that produced the output.</param>
/// <param name="Output">The caller's serialized output; the cache never looks inside.</param>
/// <param name="CompletedOn">When that task completed. Stored to the millisecond.</param>
public sealed record CachedResult(long ProjectId, int ConfigVersion, string InputHash, Guid TaskId, byte[] Output, DateTimeOffset CompletedOn);
