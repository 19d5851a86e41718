using HiveOrleans.Abstractions.Reviewers;
namespace HiveOrleans.Storage.Reviews;

/// <summary>What every audit log checks before it touches its store.</summary>
internal static class ReviewAuditChecks
{
    public const int MaxLimit = 1_000;

    public static void Check(ReviewAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Action, nameof(entry));
        ArgumentException.ThrowIfNullOrEmpty(entry.Queue, nameof(entry));
    }

    public static void Check(ReviewAuditFilter filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!filter.IsNarrowed)
        {
            throw new ArgumentException("Read the audit log by task, reviewer or project.", nameof(filter));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
    }
}
