namespace HiveOrleans.Abstractions.Tasks;

/// <summary>The terms of a task subscription.</summary>
public static class TaskObservation
{
    /// <summary>How long a subscription lasts unless renewed.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How often a watcher should renew: well within the lifetime.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);
}
