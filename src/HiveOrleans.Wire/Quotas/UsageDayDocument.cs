using HiveOrleans.Abstractions.Quotas;

namespace HiveOrleans.Wire.Quotas;

/// <summary>A project's usage on one UTC day, in <see cref="UsageDocument"/>.</summary>
/// <param name="Date">The UTC day, <c>yyyy-MM-dd</c>.</param>
/// <param name="Tasks">Tasks accepted.</param>
/// <param name="Charge">Their total charge.</param>
/// <param name="Rejected">Requests turned away by a limit.</param>
public sealed record UsageDayDocument(DateOnly Date, long Tasks, double Charge, long Rejected)
{
    /// <summary>The entry for <paramref name="day"/>.</summary>
    public static UsageDayDocument From(DailyUsage day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new(day.Date, day.Tasks, day.Charge, day.Rejected);
    }
}
