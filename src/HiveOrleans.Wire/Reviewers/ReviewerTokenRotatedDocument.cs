namespace HiveOrleans.Wire.Reviewers;

/// <summary>The answer to rotating a reviewer's token: the new token, shown this once; the old one no longer signs in.</summary>
/// <param name="ReviewerId">The reviewer.</param>
/// <param name="Token">The new token in plain text.</param>
public sealed record ReviewerTokenRotatedDocument(long ReviewerId, string Token);
