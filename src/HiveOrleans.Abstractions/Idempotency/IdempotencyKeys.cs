using System.Security.Cryptography;
using System.Text;

namespace HiveOrleans.Abstractions.Idempotency;

/// <summary>How idempotency keys are scoped and stored.</summary>
public static class IdempotencyKeys
{
    /// <summary>How long a key keeps returning its first task.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The longest key accepted, in characters.</summary>
    public const int MaxLength = 255;

    /// <summary>The grain key for a project's idempotency key; the key itself is hashed, so any characters are safe.</summary>
    public static string GrainKey(long projectId, string idempotencyKey) =>
        $"idem-{projectId}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))}";
}
