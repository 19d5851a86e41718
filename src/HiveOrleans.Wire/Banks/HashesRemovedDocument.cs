using HiveOrleans.Abstractions.Banks;

namespace HiveOrleans.Wire.Banks;

/// <summary>The answer to removing hashes from a bank.</summary>
/// <param name="Bank">The bank.</param>
/// <param name="Removed">How many hashes were removed; ids the bank did not hold are not counted.</param>
/// <param name="Seq">The last removal's change sequence number, 0 when nothing was removed.</param>
public sealed record HashesRemovedDocument(string Bank, int Removed, long Seq)
{
    /// <summary>The answer for <paramref name="removed"/> from <paramref name="bank"/>.</summary>
    public static HashesRemovedDocument From(string bank, HashesRemoved removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return new(bank, removed.Removed, removed.Seq);
    }
}
