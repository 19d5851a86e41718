namespace HiveOrleans.Abstractions.Banks;

/// <summary>How hash-bank grains are keyed, so callers and grains agree.</summary>
public static class HashBankKeys
{
    /// <summary>The prefix of a bank grain's key; a bank name alone may look like hex, which Orleans' keys must not.</summary>
    public const string Prefix = "bank-";

    /// <summary>The bank grain's key for a bank name.</summary>
    public static string GrainKey(string bankName) => Prefix + bankName;

    /// <summary>The bank name in a bank grain's key.</summary>
    public static string BankName(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        return grainKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? grainKey[Prefix.Length..]
            : throw new ArgumentException($"A bank grain's key starts with '{Prefix}'; got '{grainKey}'.", nameof(grainKey));
    }
}
