namespace HiveOrleans.Abstractions.Banks;

/// <summary>The sizes the bank operations accept.</summary>
public static class HashBankLimits
{
    /// <summary>Most hashes (or content ids) one add (or remove) takes.</summary>
    public const int MaxBatch = 10_000;

    /// <summary>Most hashes one page lists.</summary>
    public const int MaxPage = 1_000;

    /// <summary>Longest content id, in UTF-16 code units.</summary>
    public const int MaxContentIdLength = 200;

    /// <summary>Longest bank description.</summary>
    public const int MaxDescriptionLength = 1_000;

    /// <summary>Largest Hamming distance (of 256 bits) PDQ treats as a match by default, as ThreatExchange does.</summary>
    public const int DefaultMatchDistance = 31;

    /// <summary>
    /// Whether a bank created without saying matches turned and mirrored media too. Banks made before the setting
    /// existed keep matching media only as it is until an operator turns it on.
    /// </summary>
    public const bool DefaultMatchTransforms = true;
}
