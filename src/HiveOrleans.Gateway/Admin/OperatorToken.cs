using System.Security.Cryptography;
using System.Text;
using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// The operator token that guards <c>/admin/v1</c>, from <c>HiveOrleans:AdminToken</c>. In embedded mode with none
/// configured, one is made on first start and kept in the data directory, so a newcomer has a working operator API
/// with no setup; cluster mode never invents one.
/// </summary>
internal sealed class OperatorToken
{
    private readonly byte[]? _expectedHash;

    public OperatorToken(string? token) =>
        _expectedHash = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static OperatorToken FromConfiguration(IConfiguration configuration, string? embeddedDataDirectory, ILogger logger)
    {
        var configured = configuration["HiveOrleans:AdminToken"];
        if (!string.IsNullOrEmpty(configured) || embeddedDataDirectory is null)
        {
            return new OperatorToken(configured);
        }

        var path = Path.Combine(embeddedDataDirectory, "admin-token");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(embeddedDataDirectory);
            File.WriteAllText(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        logger.LogInformation("HiveOrleans:AdminToken is not set; the operator token is in {Path}", path);
        return new OperatorToken(File.ReadAllText(path).Trim());
    }

    /// <summary>Whether a token is configured, so that the operator API answers at all.</summary>
    public bool IsEnabled => _expectedHash is not null;

    /// <summary>Checks <c>authorization: Bearer TOKEN</c>, comparing hashes in constant time.</summary>
    public void Demand(HttpRequest request)
    {
        DemandEnabled();
        var header = request.Headers.Authorization.ToString().AsSpan().Trim();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            throw new ApiException(StatusCodes.Status401Unauthorized, "Operator token required: 'authorization: Bearer <token>'.");
        }

        if (!Matches(header[scheme.Length..].Trim()))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, "Invalid operator token.");
        }
    }

    /// <summary>Throws the operator API's 403 when no token is configured.</summary>
    public void DemandEnabled()
    {
        if (_expectedHash is null)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, "The operator API is disabled: set HiveOrleans:AdminToken.");
        }
    }

    /// <summary>Whether <paramref name="given"/> is the token, compared by hash in constant time; never when none is configured.</summary>
    public bool Matches(ReadOnlySpan<char> given) =>
        _expectedHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given.ToString())), _expectedHash);
}
