using System.Collections.Concurrent;
using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// Each silo's copy of projects' webhook secrets, refreshed every <see cref="Ttl"/>, so signing a callback does not
/// cost a call to the project's grain (which would make it hot for a busy project). A rotated secret is in use on
/// every silo within that time; until then the old secret still signs, and it stays valid for a day anyway.
/// </summary>
public sealed class WebhookSecretCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, (WebhookSecrets? Secrets, DateTimeOffset Expires)> _cache = new();

    /// <summary>The secrets to sign with: the current one first, then the previous one while a rotation overlaps.</summary>
    public async Task<IReadOnlyList<string>> GetAsync(long projectId)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(projectId, out var entry) || entry.Expires <= now)
        {
            var secrets = await grains.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(projectId)).GetWebhookSecretsAsync();
            entry = (secrets, now + Ttl);
            _cache[projectId] = entry;
        }

        return entry.Secrets switch
        {
            null => [],
            { Previous: { } previous } when entry.Secrets.PreviousValidUntil > now => [entry.Secrets.Current, previous],
            { } current => [current.Current],
        };
    }
}
