using HiveOrleans.Abstractions.Banks;

namespace HiveOrleans.Wire.Banks;

/// <summary>The answer to adding a batch of hashes to a bank.</summary>
/// <param name="Bank">The bank.</param>
/// <param name="Added">Content ids that were not in the bank.</param>
/// <param name="Replaced">Content ids whose hash or label changed.</param>
/// <param name="Unchanged">Content ids that already held exactly this hash and label.</param>
/// <param name="Seq">The batch's last change sequence number, 0 when nothing changed.</param>
public sealed record HashesAddedDocument(string Bank, int Added, int Replaced, int Unchanged, long Seq)
{
    /// <summary>The answer for <paramref name="added"/> to <paramref name="bank"/>.</summary>
    public static HashesAddedDocument From(string bank, HashesAdded added)
    {
        ArgumentNullException.ThrowIfNull(added);
        return new(bank, added.Added, added.Replaced, added.Unchanged, added.Seq);
    }
}
