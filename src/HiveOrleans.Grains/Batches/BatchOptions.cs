namespace HiveOrleans.Grains.Batches;

/// <summary>Batch submission's settings (<c>HiveOrleans:Batches</c>).</summary>
public sealed class BatchOptions
{
    public const string Section = "HiveOrleans:Batches";

    /// <summary>How often each silo looks for batches whose callback is due, and how soon an unfinished batch is looked at again.</summary>
    public TimeSpan CallbackCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo holds a batch it took for its callback before another may take it (it died meanwhile).</summary>
    public TimeSpan CallbackLease { get; set; } = TimeSpan.FromSeconds(60);
}
