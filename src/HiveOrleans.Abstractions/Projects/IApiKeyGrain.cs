namespace HiveOrleans.Abstractions.Projects;

/// <summary>
/// Maps one API key (by its SHA-256 hash) to its project. One grain per key spreads authentication over the cluster
/// instead of funnelling every request through one grain; gateways cache the answer briefly.
/// Keyed by <see cref="ProjectKeys.ApiKeyGrainKey"/>.
/// </summary>
[Alias("HiveOrleans.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Makes the key live for the project.</summary>
    [Alias("Register")]
    Task RegisterAsync(long projectId);

    /// <summary>The project of a live key, or <c>null</c> for a key that is unknown or revoked.</summary>
    [Alias("Resolve")]
    Task<long?> ResolveAsync();

    /// <summary>Revokes the key for good.</summary>
    [Alias("Revoke")]
    Task RevokeAsync();
}
