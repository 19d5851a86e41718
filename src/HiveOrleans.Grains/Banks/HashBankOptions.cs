using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Banks;

/// <summary>How each silo follows the hash banks. Bound from <c>HiveOrleans:HashBanks</c>; see docs/operations.md.</summary>
public sealed class HashBankOptions
{
    public const string Section = "HiveOrleans:HashBanks";

    /// <summary>How often each silo reads bank changes from the store: the bound on how stale its matcher is.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many changes one read takes at most; a full read is followed by another at once.</summary>
    [Range(1, 100_000)]
    public int PollBatch { get; set; } = 5_000;
}
