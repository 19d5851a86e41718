using System.Diagnostics.Metrics;

namespace HiveOrleans.Storage;

/// <summary>
/// The stores' instruments, on the <c>HiveOrleans</c> meter: how many rows each group-committed flush carried and how
/// long it took, by store (<c>tasks.write</c>, <c>tasks.read</c>, <c>results.store</c>, …). Flush size is group
/// commit made visible: one row per flush means no load, hundreds mean many tasks shared a commit.
/// </summary>
internal static class StoreMetrics
{
    private static readonly Meter Meter = new("HiveOrleans");

    public static readonly Histogram<int> FlushRows = Meter.CreateHistogram<int>(
        "hiveorleans.store.flush.rows", "{row}", "Rows carried by one group-committed statement");

    public static readonly Histogram<double> FlushDuration = Meter.CreateHistogram<double>(
        "hiveorleans.store.flush.duration", "ms", "Time one group-committed statement took, commit included");
}
