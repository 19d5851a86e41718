using HiveOrleans.Abstractions.Quotas;

namespace HiveOrleans.Wire.Quotas;

/// <summary>A project's usage per UTC day (<c>GET /admin/v1/projects/{id}/usage</c>).</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Days">The days with any usage, as the quota grain keeps them.</param>
public sealed record UsageDocument(long ProjectId, IReadOnlyList<UsageDayDocument> Days)
{
    /// <summary>The usage of <paramref name="projectId"/>.</summary>
    public static UsageDocument From(long projectId, IEnumerable<DailyUsage> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return new(projectId, [.. days.Select(UsageDayDocument.From)]);
    }
}
