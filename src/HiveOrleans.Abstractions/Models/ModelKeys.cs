namespace HiveOrleans.Abstractions.Models;

/// <summary>How registered-model grains are keyed, so callers and grains agree.</summary>
public static class ModelKeys
{
    /// <summary>The prefix of a model grain's key; a model name alone may look like hex, which Orleans' keys must not.</summary>
    public const string Prefix = "model-";

    /// <summary>The model grain's key for a model name.</summary>
    public static string GrainKey(string modelName) => Prefix + modelName;

    /// <summary>The model name in a model grain's key.</summary>
    public static string ModelName(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        return grainKey.StartsWith(Prefix, StringComparison.Ordinal)
            ? grainKey[Prefix.Length..]
            : throw new ArgumentException($"A model grain's key starts with '{Prefix}'; got '{grainKey}'.", nameof(grainKey));
    }
}
