using System.Security.Cryptography;
using System.Text;

namespace HiveOrleans.Abstractions.Projects;

/// <summary>How project and API-key grains are keyed. Both the gateway and the grains derive keys here, so they agree.</summary>
public static class ProjectKeys
{
    /// <summary>The project grain's key for a project id.</summary>
    public static string GrainKey(long projectId) => $"project-{projectId}";

    /// <summary>The length of every API key the service issues: 32 random bytes in unpadded base64url.</summary>
    public const int ApiKeyLength = 43;

    /// <summary>A new API key: 256 bits from the OS generator, URL-safe so it fits a header unchanged.</summary>
    public static string NewApiKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// True when <paramref name="key"/> has the shape of a key <see cref="NewApiKey"/> makes. Anything else cannot be a
    /// live key, so it is refused without asking the cluster.
    /// </summary>
    public static bool IsWellFormedApiKey(ReadOnlySpan<char> key)
    {
        if (key.Length != ApiKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lowercase hex SHA-256 of an API key: what is stored instead of the key.</summary>
    public static string HashApiKey(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>The API-key grain's key for a plain key.</summary>
    public static string ApiKeyGrainKey(string apiKey) => ApiKeyGrainKeyForHash(HashApiKey(apiKey));

    /// <summary>The API-key grain's key for a key's hash.</summary>
    public static string ApiKeyGrainKeyForHash(string apiKeyHash) => $"apikey-{apiKeyHash}";

    /// <summary>The quota grain's key for a project id.</summary>
    public static string QuotaGrainKey(long projectId) => $"quota-{projectId}";
}
