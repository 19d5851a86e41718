namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>
/// Owns one reviewer of manual review: name, projects, roles, whether disabled, and the SHA-256 hash of the sign-in
/// token (never the token). Keyed by <see cref="ReviewerKeys.GrainKey"/> (<c>reviewer-N</c>). Requests the operator
/// got wrong throw <see cref="ReviewerRequestException"/>.
/// </summary>
[Alias("HiveOrleans.IReviewerGrain")]
public interface IReviewerGrain : IGrainWithStringKey
{
    /// <summary>Creates the reviewer with a live token; the plain token is in the answer and nowhere else.</summary>
    [Alias("Create")]
    Task<ReviewerCreated> CreateAsync(ReviewerSpec spec);

    /// <summary>The reviewer as the operator sees it, or <c>null</c> when it does not exist.</summary>
    [Alias("Get")]
    Task<ReviewerDetails?> GetAsync();

    /// <summary>Applies the fields that are given; the others stay.</summary>
    [Alias("Update")]
    Task<ReviewerDetails> UpdateAsync(ReviewerChanges changes);

    /// <summary>Issues a new token; the old one stops resolving at once. The plain token is in the answer only.</summary>
    [Alias("RotateToken")]
    Task<string> RotateTokenAsync();

    /// <summary>Disables the reviewer (the token stops resolving and every review lease they hold ends) or enables them again.</summary>
    [Alias("SetDisabled")]
    Task<ReviewerDetails> SetDisabledAsync(bool disabled);

    /// <summary>
    /// Who a token with <paramref name="tokenHash"/> signs in as: <c>null</c> unless it is the reviewer's current token
    /// and the reviewer is enabled. Asked by <see cref="IReviewerTokenGrain"/>.
    /// </summary>
    [Alias("GetIdentity")]
    Task<ReviewerIdentity?> GetIdentityAsync(string tokenHash);
}
