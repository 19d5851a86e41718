using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Storage.Media;

/// <summary>Where submitted media is kept, for how long, and how media URLs are fetched. Bound from <c>HiveOrleans:Media</c>.</summary>
public sealed class MediaStoreOptions
{
    public const string Section = "HiveOrleans:Media";

    /// <summary>The value of <see cref="Store"/> that keeps media in a local directory (embedded mode).</summary>
    public const string LocalStore = "local";

    /// <summary>The value of <see cref="Store"/> that keeps media in the PostgreSQL store (cluster mode).</summary>
    public const string PostgresStore = "postgresql";

    /// <summary>
    /// <c>local</c> (a directory on this machine) or <c>postgresql</c> (the cluster's database; needs a PostgreSQL
    /// store). Null leaves the choice to <see cref="MediaStoreFactory.Create"/>: the kind that matches the store.
    /// </summary>
    [RegularExpression("(?i)^(local|postgresql)$", ErrorMessage = "HiveOrleans:Media:Store is 'local' or 'postgresql'.")]
    public string? Store { get; set; }

    /// <summary>The directory of the <c>local</c> store. Null means <c>media</c> under the data directory.</summary>
    public string? Directory { get; set; }

    /// <summary>How many days a blob is kept after its last submission, unless a task asks to keep it longer.</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 7;

    /// <summary><see cref="RetentionDays"/> as a time span.</summary>
    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    /// <summary>How often expired media is looked for and deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
