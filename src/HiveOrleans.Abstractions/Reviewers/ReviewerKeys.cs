using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>How reviewer and reviewer-token grains are keyed, so the gateway and the grains agree.</summary>
public static class ReviewerKeys
{
    /// <summary>The reviewer grain's key for a reviewer id.</summary>
    public static string GrainKey(long reviewerId) => $"reviewer-{reviewerId}";

    /// <summary>What every token grain's key starts with: a non-hex prefix, so the storage keeps the key a string.</summary>
    public const string TokenGrainPrefix = "reviewertoken-";

    /// <summary>A new reviewer token: 256 random bits, URL-safe, the same form as an API key.</summary>
    public static string NewToken() => ProjectKeys.NewApiKey();

    /// <summary>Lowercase hex SHA-256 of a token: what is stored instead of the token.</summary>
    public static string HashToken(string token) => ProjectKeys.HashApiKey(token);

    /// <summary>The token grain's key for a plain token.</summary>
    public static string TokenGrainKey(string token) => TokenGrainKeyForHash(HashToken(token));

    /// <summary>The token grain's key for a token's hash.</summary>
    public static string TokenGrainKeyForHash(string tokenHash) => TokenGrainPrefix + tokenHash;
}
