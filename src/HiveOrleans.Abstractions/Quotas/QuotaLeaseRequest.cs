using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Abstractions.Quotas;

/// <summary>A gateway's request for admissions, with what it gives back and what it has to report.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.QuotaLeaseRequest")]
public sealed record QuotaLeaseRequest
{
    /// <summary>How many admissions the gateway would like; 0 only returns and reports.</summary>
    [Id(0)] public int Wanted { get; init; }

    /// <summary>Admissions from earlier leases that the gateway did not use and will not use.</summary>
    [Id(1)] public int Returned { get; init; }

    /// <summary>The limits as the gateway's copy of the project has them, with its version: the newest version seen wins.</summary>
    [Id(2)] public int ConfigVersion { get; init; }

    /// <summary>The rate limit, if any.</summary>
    [Id(3)] public RateLimit? RateLimit { get; init; }

    /// <summary>The daily quota, if any.</summary>
    [Id(4)] public long? DailyQuota { get; init; }

    /// <summary>Usage since the gateway's last report.</summary>
    [Id(5)] public IReadOnlyList<DailyUsage> Usage { get; init; } = [];
}
