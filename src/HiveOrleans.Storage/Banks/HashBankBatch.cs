namespace HiveOrleans.Storage.Banks;

/// <summary>Preconditions both stores put on a batch of hashes.</summary>
internal static class HashBankBatch
{
    /// <summary>One statement cannot store two values under one id, and which should win would be a guess.</summary>
    public static void RequireDistinct(IReadOnlyCollection<string> contentIds)
    {
        if (contentIds.Distinct(StringComparer.Ordinal).Count() != contentIds.Count)
        {
            throw new ArgumentException("A batch names each content id at most once.", nameof(contentIds));
        }
    }
}
