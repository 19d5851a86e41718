using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Results;

/// <summary>How long cached results are kept. Bound from <c>HiveOrleans:Results</c>; see docs/operations.md.</summary>
public sealed class ResultCacheOptions
{
    public const string Section = "HiveOrleans:Results";

    /// <summary>
    /// Cached results are deleted this many days after they were stored (the tasks keep their own results for good);
    /// content submitted again after that is run through the model again.
    /// </summary>
    [Range(1, 36_500)]
    public int CacheDays { get; set; } = 30;

    /// <summary><see cref="CacheDays"/> as a time span.</summary>
    public TimeSpan CacheRetention => TimeSpan.FromDays(CacheDays);
}
