namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>A reviewer's signed-in session as stored: never the session id, never the reviewer token.</summary>
/// <param name="TokenHash">The SHA-256 of the reviewer token that signed in (<see cref="ReviewerKeys.HashToken"/>).</param>
/// <param name="CsrfToken">What a state-changing request made with the session cookie must send as <c>x-csrf-token</c>.</param>
/// <param name="ExpiresOn">When the session ends unless ended sooner.</param>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ReviewerSession")]
public sealed record ReviewerSession(
    [property: Id(0)] string TokenHash,
    [property: Id(1)] string CsrfToken,
    [property: Id(2)] DateTimeOffset ExpiresOn);
