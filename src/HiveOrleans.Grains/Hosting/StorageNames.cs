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
    public const string Idempotency = IdempotencyClaimPruner.StateName;
}
