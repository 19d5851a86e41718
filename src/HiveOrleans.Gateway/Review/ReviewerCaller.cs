using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Gateway.Review;

/// <summary>The reviewer credential a request came with, and the session it came in (none for a Bearer token).</summary>
/// <param name="Credential">The token (by its hash), resolved on the silo by each desk call.</param>
/// <param name="SessionGrainKey">The session grain's key, when the request came with the session cookie.</param>
/// <param name="Session">That session.</param>
internal sealed record ReviewerCaller(ReviewerCredential Credential, string? SessionGrainKey, ReviewerSession? Session);
