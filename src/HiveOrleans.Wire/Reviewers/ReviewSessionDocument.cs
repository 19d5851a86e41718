using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>
/// The reviewer API's answer to signing in and to <c>GET /review/v1/session</c>: who is signed in, and for a session
/// its CSRF token and expiry (both null for a request made with <c>authorization: Bearer</c>, which has no session).
/// </summary>
/// <param name="ReviewerId">The reviewer id.</param>
/// <param name="Name">Their display name.</param>
/// <param name="Projects">The projects whose queues they work, in id order.</param>
/// <param name="Roles"><c>reviewer</c> and/or <c>senior</c>.</param>
/// <param name="CsrfToken">What state-changing requests made with the session cookie send as <c>x-csrf-token</c>.</param>
/// <param name="ExpiresOn">When the session ends.</param>
public sealed record ReviewSessionDocument(
    long ReviewerId,
    string Name,
    IReadOnlyList<long> Projects,
    IReadOnlyList<string> Roles,
    string? CsrfToken,
    DateTimeOffset? ExpiresOn)
{
    /// <summary>The document for a reviewer, with their session if they have one.</summary>
    public static ReviewSessionDocument From(ReviewerIdentity reviewer, string name, ReviewerSession? session)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        return new(reviewer.ReviewerId, name, reviewer.Projects, reviewer.Roles, session?.CsrfToken, session?.ExpiresOn);
    }
}
