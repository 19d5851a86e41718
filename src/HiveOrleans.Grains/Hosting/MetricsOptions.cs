using System.ComponentModel.DataAnnotations;
using System.Net;

namespace HiveOrleans.Grains.Hosting;

/// <summary>How a process exposes its metrics. Bound from <c>HiveOrleans:Metrics</c>; see docs/operations.md "Metrics".</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "HiveOrleans:Metrics";

    /// <summary>
    /// Serve a Prometheus scrape: the gateway at <c>/metrics</c> on its own HTTP port, a standalone silo at
    /// <c>/metrics</c> on <see cref="PrometheusPort"/>. Off by default: the scrape has no authentication.
    /// </summary>
    public bool Prometheus { get; set; }

    /// <summary>The port a standalone silo serves its scrape on (the gateway uses its own HTTP port).</summary>
    [Range(1, 65_535)]
    public int PrometheusPort { get; set; } = 9464;

    /// <summary>
    /// The host a standalone silo's scrape listens on: <c>+</c> for every interface (a container or pod is scraped
    /// from elsewhere), or an IP address or host name. With a name, scrapes must use that name: the listener matches
    /// the request's Host header.
    /// </summary>
    [Required]
    public string PrometheusHost { get; set; } = "+";

    /// <summary>
    /// How often each silo counts the tasks and callbacks still owed for the queue-depth gauges. Each count is one
    /// query per queue against the task store.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan QueueDepthInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PrometheusHost is "+" or "*")
        {
            yield break;
        }

        if (Uri.CheckHostName(PrometheusHost) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(PrometheusHost)} '{PrometheusHost}' is neither '+' (every interface) nor an IP address or host name.",
                [nameof(PrometheusHost)]);
        }
        else if (IPAddress.TryParse(PrometheusHost, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            // .NET's HttpListener cannot bind the unspecified address; '+' is how it says "every interface".
            yield return new ValidationResult(
                $"{Section}:{nameof(PrometheusHost)} '{PrometheusHost}' cannot be bound by the listener; use '+' for every interface.",
                [nameof(PrometheusHost)]);
        }
    }
}
