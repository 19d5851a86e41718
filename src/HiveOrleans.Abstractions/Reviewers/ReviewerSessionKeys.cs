using System.Security.Cryptography;
using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Abstractions.Reviewers;

/// <summary>How reviewer sessions are made and keyed, so the gateway and the grains agree.</summary>
public static class ReviewerSessionKeys
{
    /// <summary>What every session grain's key starts with: a non-hex prefix, so the storage keeps the key a string.</summary>
    public const string GrainPrefix = "reviewersession-";

    /// <summary>How long a session lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>A new session id or CSRF token: 256 random bits, URL-safe (the form of an API key).</summary>
    public static string NewSecret() => ProjectKeys.NewApiKey();

    /// <summary>Whether <paramref name="sessionId"/> has the form <see cref="NewSecret"/> makes; anything else is refused without a grain call.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> sessionId) => ProjectKeys.IsWellFormedApiKey(sessionId);

    /// <summary>The session grain's key for a session id: its SHA-256, so the id is never stored.</summary>
    public static string GrainKey(string sessionId) => GrainPrefix + ProjectKeys.HashApiKey(sessionId);

    /// <summary>Whether two CSRF tokens are equal, compared in constant time.</summary>
    public static bool CsrfMatches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(given));
}
