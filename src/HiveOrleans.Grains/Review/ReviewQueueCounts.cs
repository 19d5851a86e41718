using System.Collections.Concurrent;
using HiveOrleans.Storage.Reviews;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Review;

/// <summary>
/// The review queues' counts as reviewers see them (<c>GET /review/v1/queues</c>), per project, shared by every
/// reviewer on the silo: a count is at most <see cref="ReviewOptions.QueueCountsMaxAge"/> old, and reviewers asking
/// while one is being made share it. Counting a queue of 100,000 tasks takes PostgreSQL tens of milliseconds, so
/// 200 reviewers signing in at once, each counting, took 6–9 s (docs/benchmarks.md).
/// </summary>
internal sealed class ReviewQueueCounts(IReviewQueueStore queues, IOptions<ReviewOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, Count> _counts = new();

    /// <summary>Each non-empty queue of <paramref name="projectIds"/>, as counted at most the maximum age ago.</summary>
    public async Task<IReadOnlyList<ReviewQueueDepth>> DepthsAsync(IReadOnlyCollection<long> projectIds)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        var reads = projectIds.Distinct().Select(CountOf).ToArray();
        var depths = await Task.WhenAll(reads).ConfigureAwait(false);
        return [.. depths.SelectMany(d => d)];
    }

    private Task<IReadOnlyList<ReviewQueueDepth>> CountOf(long projectId)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (_counts.TryGetValue(projectId, out var count) && count.Serves(now, options.Value.QueueCountsMaxAge))
            {
                return count.Read;
            }

            var fresh = new Count(now, queues.DepthsAsync([projectId]));
            if (count is null ? _counts.TryAdd(projectId, fresh) : _counts.TryUpdate(projectId, fresh, count))
            {
                return fresh.Read;
            }

            // Another caller replaced it meanwhile: look again, and most likely share theirs.
        }
    }

    /// <summary>One count of a project's queues, started at <paramref name="Started"/>.</summary>
    private sealed record Count(DateTimeOffset Started, Task<IReadOnlyList<ReviewQueueDepth>> Read)
    {
        /// <summary>Whether a caller at <paramref name="now"/> may have this count: still being made, or made recently enough and not failed.</summary>
        public bool Serves(DateTimeOffset now, TimeSpan maxAge) =>
            !Read.IsCompleted || (Read.IsCompletedSuccessfully && now - Started < maxAge);
    }
}
