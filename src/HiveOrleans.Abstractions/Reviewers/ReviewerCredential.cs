namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>
/// Who asks the review desk (<see cref="IReviewDeskGrain"/>): either the key of the reviewer-token grain a request's
/// token (or session) names, which the desk resolves on the silo, or an identity resolved already by a caller inside
/// the cluster. The gateway sends the key, so a reviewer request costs one call from the gateway instead of two, and
/// the token is still resolved on every request: a disabled reviewer or a rotated token is refused at once.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewerCredential")]
public sealed record ReviewerCredential
{
    private ReviewerCredential(string? tokenGrainKey, ReviewerIdentity? identity)
    {
        TokenGrainKey = tokenGrainKey;
        Identity = identity;
    }

    /// <summary>The reviewer-token grain's key (<see cref="ReviewerKeys.TokenGrainKeyForHash"/>), to be resolved.</summary>
    [Id(0)] public string? TokenGrainKey { get; }

    /// <summary>A reviewer resolved already.</summary>
    [Id(1)] public ReviewerIdentity? Identity { get; }

    /// <summary>The credential of a reviewer token, given by its SHA-256 hash (<see cref="ReviewerKeys.HashToken"/>).</summary>
    public static ReviewerCredential FromTokenHash(string tokenHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        return new ReviewerCredential(ReviewerKeys.TokenGrainKeyForHash(tokenHash), null);
    }

    /// <summary>The credential of a reviewer a caller inside the cluster has resolved.</summary>
    public static ReviewerCredential FromIdentity(ReviewerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new ReviewerCredential(null, identity);
    }

    /// <summary>As <see cref="FromIdentity"/>.</summary>
    public static implicit operator ReviewerCredential(ReviewerIdentity identity) => FromIdentity(identity);
}

/// <summary>
/// The desk could not resolve a <see cref="ReviewerCredential"/>: the token is unknown, rotated away or revoked, or
/// its reviewer is disabled. The gateway answers 401.
/// </summary>
[GenerateSerializer, Alias("HiveOrleans.ReviewerUnauthorizedException")]
public sealed class ReviewerUnauthorizedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReviewerUnauthorizedException()
        : base("The reviewer token is not live: unknown, rotated, revoked, or its reviewer is disabled.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReviewerUnauthorizedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReviewerUnauthorizedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
