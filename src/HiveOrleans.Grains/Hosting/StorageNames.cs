using HiveOrleans.Storage;

namespace HiveOrleans.Grains.Hosting;

/// <summary>
/// Names of the grain-storage provider and of each grain class's state. Orleans' ADO.NET storage keys rows by
/// service, state name and grain key but not grain type (dotnet/orleans#8746), so every grain class has a name of its own.
/// </summary>
public static class StorageNames
{
    public const string Provider = "hive";
    public const string Task = "task";
    public const string Project = "project";
    public const string ApiKey = "apikey";
    public const string ProjectDirectory = "projectdirectory";
    public const string Quota = "quota";
    public const string Reviewer = "reviewer";
    public const string ReviewerToken = "reviewertoken";
    public const string ReviewerDirectory = "reviewerdirectory";
    public const string ReviewerSession = "reviewersession";
    public const string Rerun = "rerun";
    public const string RerunDirectory = "rerundirectory";

    /// <summary>
    /// Idempotency claims. Their rows are pruned by name (<see cref="IdempotencyClaimPruner"/>, given this name) and
    /// found through a partial index on the same literal in deploy/sql/*/040-idempotency-retention.sql: a new name
    /// needs a new index there.
    /// </summary>
    public const string Idempotency = "idempotency";
}
