namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>
/// Maps one reviewer token (by its SHA-256 hash) to its reviewer, so the reviewer API authenticates
/// <c>authorization: Bearer &lt;token&gt;</c> with one call. Keyed by <see cref="ReviewerKeys.TokenGrainKey"/>.
/// </summary>
[Alias("HiveOrleans.IReviewerTokenGrain")]
public interface IReviewerTokenGrain : IGrainWithStringKey
{
    /// <summary>Makes the token live for the reviewer.</summary>
    [Alias("Register")]
    Task RegisterAsync(long reviewerId);

    /// <summary>
    /// The reviewer the token signs in as, with their projects and roles; <c>null</c> for a token that is unknown,
    /// rotated away or revoked, or whose reviewer is disabled.
    /// </summary>
    [Alias("Resolve")]
    Task<ReviewerIdentity?> ResolveAsync();

    /// <summary>Revokes the token for good.</summary>
    [Alias("Revoke")]
    Task RevokeAsync();
}
