namespace HiveOrleans.Abstractions.Quotas;

/// <summary>Which limit turned a request away.</summary>
public static class QuotaLimits
{
    /// <summary>The requests-per-second limit.</summary>
    public const string Rate = "rate";

    /// <summary>The tasks-per-day quota.</summary>
    public const string Daily = "daily";
}
