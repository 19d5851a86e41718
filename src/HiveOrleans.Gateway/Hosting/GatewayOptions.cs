using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Gateway.Hosting;

/// <summary>The gateway's own settings, bound from <c>HiveOrleans:Gateway</c>; see docs/operations.md.</summary>
public sealed class GatewayOptions
{
    public const string Section = "HiveOrleans:Gateway";

    /// <summary>How long an API key's answer (valid or not) is reused before asking the cluster again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one attempt to hand a submission to the cluster may take (beyond a sync request's own wait) before the
    /// gateway gives it up and tries again on a live silo. A silo that dies mid-call never answers: without this the
    /// caller would wait for Orleans' 30 s response timeout and then get a 503.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SubmitAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the gateway goes on retrying a submission the cluster did not answer (a silo died, or is being
    /// declared dead) before it answers 503. Failures of the store itself are not retried: they answer 503 at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SubmitRetryFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Failed authentications (no or malformed <c>authorization</c>, a key that is not live) one client address may
    /// make within <see cref="AuthFailureWindow"/> before its requests get 429 until the window ends; 0 turns it off.
    /// Behind a reverse proxy every client shares the proxy's address unless forwarded headers are configured.
    /// </summary>
    [Range(0, 1_000_000)]
    public int AuthFailureLimit { get; set; } = 50;

    /// <summary>The window over which <see cref="AuthFailureLimit"/> counts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest request body the server reads at all; each project has its own, smaller limit.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 100L * 1024 * 1024;
}
