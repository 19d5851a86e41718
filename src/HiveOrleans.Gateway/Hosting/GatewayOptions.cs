using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Gateway.Hosting;

/// <summary>The gateway's own settings, bound from <c>HiveOrleans:Gateway</c>; see docs/operations.md.</summary>
public sealed class GatewayOptions
{
    public const string Section = "HiveOrleans:Gateway";

    /// <summary>How long an API key's answer (valid or not) is reused before asking the cluster again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest request body the server reads at all; each project has its own, smaller limit.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 100L * 1024 * 1024;
}
