using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Review;

/// <summary>How the reviewer desk hands out work. Bound from <c>HiveOrleans:Review</c>; see docs/operations.md.</summary>
public sealed class ReviewOptions
{
    public const string Section = "HiveOrleans:Review";

    /// <summary>
    /// How long a claim (and each renewal) leases a task to its reviewer: long enough to decide one task, short enough
    /// that a task left by a reviewer who walked away is back at the front of its queue soon.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How old the queue counts a reviewer is shown (<c>GET /review/v1/queues</c>) may be: each silo counts a project's
    /// queues at most once in this time, however many reviewers ask. Zero counts for every request that does not
    /// find a count already under way.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan QueueCountsMaxAge { get; set; } = TimeSpan.FromSeconds(2);
}
