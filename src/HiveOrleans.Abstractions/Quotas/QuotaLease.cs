namespace HiveOrleans.Abstractions.Quotas;

/// <summary>Admissions a gateway may hand out on its own until they expire.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.QuotaLease")]
public sealed record QuotaLease
{
    /// <summary>How many requests the gateway may admit.</summary>
    [Id(0)] public int Granted { get; init; }

    /// <summary>How long they are good for; unused ones are given back with the next request.</summary>
    [Id(1)] public TimeSpan ValidFor { get; init; }

    /// <summary>When nothing was granted: how long until something could be.</summary>
    [Id(2)] public TimeSpan RetryAfter { get; init; }

    /// <summary>When nothing was granted: <see cref="QuotaLimits.Rate"/> or <see cref="QuotaLimits.Daily"/>.</summary>
    [Id(3)] public string? LimitedBy { get; init; }
}
