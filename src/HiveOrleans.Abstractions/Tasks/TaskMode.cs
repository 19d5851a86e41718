namespace HiveOrleans.Abstractions.Tasks;

/// <summary>How the caller receives the finished task.</summary>
[GenerateSerializer, Alias("HiveOrleans.TaskMode")]
public enum TaskMode
{
    /// <summary>The caller holds the connection and gets the result in the answer.</summary>
    Sync = 0,

    /// <summary>The caller is acknowledged at once and the result is POSTed to its callback URL.</summary>
    Async = 1,
}
