using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Gateway.Review;

/// <summary>A reviewer the request was authenticated as, and the session it came with (none for a Bearer token).</summary>
/// <param name="Identity">The reviewer, their projects and roles, as the token resolves now.</param>
/// <param name="SessionGrainKey">The session grain's key, when the request came with the session cookie.</param>
/// <param name="Session">That session.</param>
internal sealed record ReviewerCaller(ReviewerIdentity Identity, string? SessionGrainKey, ReviewerSession? Session);
