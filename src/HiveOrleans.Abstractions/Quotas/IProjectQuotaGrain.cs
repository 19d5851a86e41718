namespace HiveOrleans.Abstractions.Quotas;

/// <summary>
/// The authority on one project's rate limit and daily quota, and its usage ledger. Gateways do not ask it per
/// request: they lease batches of admissions and report usage in bulk, so a busy project costs this grain a few calls
/// a second whatever its request rate. Keyed by <c>quota-N</c> (<see cref="Projects.ProjectKeys.QuotaGrainKey"/>).
/// </summary>
[Alias("HiveOrleans.IProjectQuotaGrain")]
public interface IProjectQuotaGrain : IGrainWithStringKey
{
    /// <summary>Grants up to <see cref="QuotaLeaseRequest.Wanted"/> admissions, takes back unused ones and records usage.</summary>
    [Alias("Lease")]
    Task<QuotaLease> LeaseAsync(QuotaLeaseRequest request);

    /// <summary>Usage per UTC day, newest first, for at most <paramref name="days"/> days.</summary>
    [Alias("GetUsage")]
    Task<IReadOnlyList<DailyUsage>> GetUsageAsync(int days);
}
