using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HiveOrleans.Client;

/// <summary>
/// Checks that a callback came from HiveOrleans, the Standard Webhooks way: <c>webhook-signature</c> holds one or
/// more space-separated <c>v1,&lt;base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}"&gt;</c>, keyed with
/// the project's webhook secret (<c>whsec_</c> followed by base64, as the operator API shows it). During a secret
/// rotation the gateway signs with both secrets; any one match is enough. The timestamp must lie within
/// <see cref="Tolerance"/> of this machine's clock, so a captured callback cannot be replayed later.
/// </summary>
/// <remarks>Verify against the raw body bytes as received, before parsing them.</remarks>
public sealed class CallbackVerifier
{
    /// <summary>The header carrying the message id (<c>{task id}-{attempt}</c>).</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header carrying the send time, in Unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header carrying the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The tolerance unless one is given: 5 minutes either way.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";
    private const int SignatureBytes = 32;

    private readonly byte[][] _keys;
    private readonly TimeProvider _time;

    /// <summary>A verifier for one project's secret (<c>whsec_…</c>).</summary>
    public CallbackVerifier(string secret)
        : this([secret])
    {
    }

    /// <summary>
    /// A verifier that accepts a signature by any of <paramref name="secrets"/>: list the old and the new secret while
    /// your own configuration moves from one to the other.
    /// </summary>
    /// <exception cref="ArgumentException">No secret, or one that is not <c>whsec_</c> and base64.</exception>
    public CallbackVerifier(IEnumerable<string> secrets, TimeSpan? tolerance = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _keys = [.. secrets.Select(Key)];
        if (_keys.Length == 0)
        {
            throw new ArgumentException("Give at least one webhook secret.", nameof(secrets));
        }

        Tolerance = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThan(Tolerance, TimeSpan.Zero, nameof(tolerance));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How far <c>webhook-timestamp</c> may be from this machine's clock, either way.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>
    /// True when the timestamp is within <see cref="Tolerance"/> and one of the <c>v1</c> signatures matches one of the
    /// secrets for exactly these bytes. Compares in constant time. Any missing or malformed header gives false.
    /// </summary>
    public bool Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookSignature)
            || !long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        if ((_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var signed = SignedContent(webhookId, seconds, body);
        Span<byte> given = stackalloc byte[SignatureBytes];
        Span<byte> expected = stackalloc byte[SignatureBytes];
        var matched = false;
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key, signed, expected);
            foreach (var entry in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // Every entry is compared with every key, whatever matched before, so timing says nothing about which.
                matched |= entry.StartsWith("v1,", StringComparison.Ordinal)
                    && Convert.TryFromBase64String(entry[3..], given, out var written) && written == SignatureBytes
                    && CryptographicOperations.FixedTimeEquals(given, expected);
            }
        }

        return matched;
    }

    /// <summary>
    /// Verifies a callback and reads its Task object.
    /// </summary>
    /// <exception cref="HiveOrleansException">401 when the signature or timestamp does not verify; 400 when the verified body is not a Task object.</exception>
    public TaskResult ReadVerified(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (!Verify(webhookId, webhookTimestamp, webhookSignature, body))
        {
            throw new HiveOrleansException(401, "The callback's signature or timestamp does not verify.");
        }

        try
        {
            return TaskResult.Parse(body);
        }
        catch (System.Text.Json.JsonException invalid)
        {
            throw new HiveOrleansException(400, "The callback's body is not a Task object: " + invalid.Message);
        }
    }

    private static byte[] Key(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new ArgumentException("A webhook secret is 'whsec_' followed by base64, as the operator API gives it.", nameof(secret));
        }
    }

    private static byte[] SignedContent(string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }
}
