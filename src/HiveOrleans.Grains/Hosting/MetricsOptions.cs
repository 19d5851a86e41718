using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Hosting;

/// <summary>How a process exposes its metrics. Bound from <c>HiveOrleans:Metrics</c>; see docs/operations.md "Metrics".</summary>
public sealed class MetricsOptions
{
    public const string Section = "HiveOrleans:Metrics";

    /// <summary>Serve a Prometheus scrape at the gateway's <c>/metrics</c>. Off by default: the scrape has no authentication.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// How often each silo counts the tasks and callbacks still owed for the queue-depth gauges. Each count is one
    /// query per queue against the task store.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan QueueDepthInterval { get; set; } = TimeSpan.FromSeconds(15);
}
