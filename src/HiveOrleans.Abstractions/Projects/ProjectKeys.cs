using System.Security.Cryptography;
using System.Text;

namespace HiveOrleans.Abstractions.Projects;

/// <summary>How project and API-key grains are keyed. Both the gateway and the grains derive keys here, so they agree.</summary>
public static class ProjectKeys
{
    /// <summary>The project grain's key for a project id.</summary>
    public static string GrainKey(long projectId) => $"project-{projectId}";

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
