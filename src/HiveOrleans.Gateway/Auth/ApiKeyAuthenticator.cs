using System.Collections.Concurrent;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Hosting;
using HiveOrleans.Gateway.Wire;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Gateway.Auth;

/// <summary>
/// Turns <c>authorization: token KEY</c> into the key's project. Answers come from a short-lived local cache so the
/// hot path makes no grain call just to authenticate; a revoked key stops working within <see cref="GatewayOptions.KeyCacheTtl"/>.
/// </summary>
internal sealed class ApiKeyAuthenticator(IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider time)
{
    private const int MaxCachedKeys = 100_000;
    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    public async Task<ProjectConfig> AuthenticateAsync(HttpRequest request)
    {
        var key = ReadKey(request.Headers.Authorization.ToString());
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(key, out var cached) || cached.Expires <= now)
        {
            cached = new CachedKey(await ResolveAsync(key), now + options.Value.KeyCacheTtl);
            if (_cache.Count >= MaxCachedKeys)
            {
                // A flood of distinct bad keys must not grow memory without bound; the cache refills in one TTL.
                _cache.Clear();
            }

            _cache[key] = cached;
        }

        return cached.Project ?? throw new ApiException(StatusCodes.Status403Forbidden, "Invalid API key.");
    }

    /// <summary>As <see cref="AuthenticateAsync"/>, for requests that make a task: a disabled project takes none.</summary>
    public async Task<ProjectConfig> AuthenticateForSubmissionAsync(HttpRequest request)
    {
        var project = await AuthenticateAsync(request);
        return project.Disabled
            ? throw new ApiException(StatusCodes.Status403Forbidden, "This project is disabled and accepts no new tasks.")
            : project;
    }

    /// <summary>The key from an <c>authorization</c> header whose scheme is <c>token</c>, matched case-insensitively.</summary>
    internal static string ReadKey(string header)
    {
        var value = header.AsSpan().Trim();
        var space = value.IndexOf(' ');
        if (space <= 0 || !value[..space].Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiException.BadRequest("Invalid Auth Method. 'Token' authentication required.");
        }

        var key = value[(space + 1)..].Trim();
        if (key.IsEmpty)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, "Invalid API key.");
        }

        return key.ToString();
    }

    private async Task<ProjectConfig?> ResolveAsync(string key)
    {
        var projectId = await grains.GetGrain<IApiKeyGrain>(ProjectKeys.ApiKeyGrainKey(key)).ResolveAsync();
        return projectId is { } id
            ? await grains.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id)).GetConfigAsync()
            : null;
    }

    private sealed record CachedKey(ProjectConfig? Project, DateTimeOffset Expires);
}
