namespace HiveOrleans.Storage.Media;

/// <summary>The shape of a media key: 64 lowercase hex digits, the SHA-256 of the content.</summary>
internal static class MediaKey
{
    public const int Length = 64;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="key"/> could be a key. Keys come from
    /// <see cref="IMediaStore.PutAsync"/>, so anything else is a caller's bug; checking also keeps a key from
    /// naming a path outside a directory store.
    /// </summary>
    public static void ThrowIfInvalid(string key, string? parameterName = "key")
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (!IsValid(key))
        {
            throw new ArgumentException("A media key is 64 lowercase hex digits (the content's SHA-256).", parameterName);
        }
    }

    public static bool IsValid(ReadOnlySpan<char> key)
    {
        if (key.Length != Length)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
