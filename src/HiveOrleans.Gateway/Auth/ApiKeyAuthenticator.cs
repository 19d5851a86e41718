using System.Collections.Concurrent;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Api;
using HiveOrleans.Gateway.Hosting;
using HiveOrleans.Gateway.Wire;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Gateway.Auth;

/// <summary>
/// Turns <c>authorization: token KEY</c> into the key's project. Answers come from a short-lived local cache so the
/// hot path makes no grain call just to authenticate; a revoked key stops working within <see cref="GatewayOptions.KeyCacheTtl"/>.
/// </summary>
/// <remarks>
/// When the cluster does not answer for a key whose answer just expired (the silo holding its grain died and is not
/// yet declared dead), the previous answer stands for up to <see cref="StaleFor"/> more, asked again every
/// <see cref="StaleRecheck"/>: a submitter should not see a silo die just because its key's cache entry expired then.
/// One lookup per key is in flight at a time, so a burst of requests on an expired key makes one grain call.
/// <para>
/// Guessing is cheap to answer: a key that is not shaped like the keys the service issues is refused without a
/// grain call; a well-formed unknown key is looked up once and then refused from a table of unknown keys, kept apart
/// from the live keys' answers, for <see cref="GatewayOptions.KeyCacheTtl"/>; and the key grain of a guessed key
/// deactivates as soon as it has answered. Failures count towards the <see cref="AuthFailureThrottle"/>.
/// </para>
/// </remarks>
internal sealed class ApiKeyAuthenticator(IGrainFactory grains, AuthFailureThrottle throttle, IOptions<GatewayOptions> options, TimeProvider time)
{
    private const int MaxCachedKeys = 100_000;

    /// <summary>How long past its expiry an answer may stand while the cluster cannot be asked.</summary>
    internal static readonly TimeSpan StaleFor = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan StaleRecheck = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknown = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<CachedKey>> _lookups = new(StringComparer.Ordinal);

    public async Task<ProjectConfig> AuthenticateAsync(HttpRequest request)
    {
        var client = request.HttpContext.Connection.RemoteIpAddress;
        throttle.ThrowIfBlocked(client);
        string key;
        try
        {
            key = ReadKey(request.Headers.Authorization.ToString());
        }
        catch (ApiException)
        {
            throttle.RecordFailure(client);
            throw;
        }

        if (!ProjectKeys.IsWellFormedApiKey(key) || IsKnownUnknown(key))
        {
            throttle.RecordFailure(client);
            throw new ApiException(StatusCodes.Status403Forbidden, "Invalid API key.");
        }

        if (!_cache.TryGetValue(key, out var cached) || cached.Expires <= time.GetUtcNow())
        {
            var lookup = _lookups.GetOrAdd(key, k => LookUpAsync(k, cached));
            try
            {
                cached = await lookup;
            }
            finally
            {
                // Whoever sees it done takes it out (only this lookup, never a newer one).
                _lookups.TryRemove(new KeyValuePair<string, Task<CachedKey>>(key, lookup));
            }
        }

        if (cached.Project is null)
        {
            throttle.RecordFailure(client);
            throw new ApiException(StatusCodes.Status403Forbidden, "Invalid API key.");
        }

        return cached.Project;
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

    private async Task<CachedKey> LookUpAsync(string key, CachedKey? previous)
    {
        CachedKey answer;
        try
        {
            var project = await ResolveAsync(key).WaitAsync(options.Value.SubmitAttemptTimeout, time);
            answer = new CachedKey(project, time.GetUtcNow() + options.Value.KeyCacheTtl, time.GetUtcNow() + options.Value.KeyCacheTtl + StaleFor);
        }
        catch (Exception ex) when (TaskCalls.IsUnanswered(ex) && previous is not null && time.GetUtcNow() < previous.StaleUntil)
        {
            answer = previous with { Expires = time.GetUtcNow() + StaleRecheck };
        }

        if (answer.Project is null)
        {
            Remember(_unknown, key, answer.Expires);
            _cache.TryRemove(key, out _);
        }
        else
        {
            Remember(_cache, key, answer);
        }

        return answer;
    }

    private bool IsKnownUnknown(string key) => _unknown.TryGetValue(key, out var until) && until > time.GetUtcNow();

    /// <summary>
    /// Keeps an answer, clearing the table first when it is full: memory stays bounded whatever is sent, and since
    /// unknown keys have a table of their own, a flood of distinct guesses never pushes out the live keys' answers.
    /// </summary>
    private static void Remember<T>(ConcurrentDictionary<string, T> table, string key, T value)
    {
        if (table.Count >= MaxCachedKeys)
        {
            table.Clear();
        }

        table[key] = value;
    }

    private async Task<ProjectConfig?> ResolveAsync(string key)
    {
        var projectId = await grains.GetGrain<IApiKeyGrain>(ProjectKeys.ApiKeyGrainKey(key)).ResolveAsync();
        return projectId is { } id
            ? await grains.GetGrain<IProjectGrain>(ProjectKeys.GrainKey(id)).GetConfigAsync()
            : null;
    }

    /// <param name="StaleUntil">The last moment the answer may stand in for one the cluster cannot give.</param>
    private sealed record CachedKey(ProjectConfig? Project, DateTimeOffset Expires, DateTimeOffset StaleUntil);
}
