using HiveOrleans.Abstractions.Banks;

namespace HiveOrleans.Wire.Banks;

/// <summary>A PDQ hash bank as the operator API shows it (<c>/admin/v1/banks/{name}</c>).</summary>
/// <param name="Name">The bank's name.</param>
/// <param name="Description">What the bank holds, in the operator's words; may be empty.</param>
/// <param name="MatchTransforms">Whether media is matched turned and mirrored too (the eight PDQ dihedral hashes).</param>
/// <param name="CreatedOn">When the bank was created.</param>
/// <param name="HashCount">How many hashes it holds.</param>
/// <param name="Labels">How many hashes carry each label, in ordinal order of the label.</param>
public sealed record BankDocument(string Name, string Description, bool MatchTransforms, DateTimeOffset CreatedOn, long HashCount, IReadOnlyDictionary<string, long> Labels)
{
    /// <summary>The document for <paramref name="bank"/>.</summary>
    public static BankDocument From(HashBankDetails bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        return new(bank.Name, bank.Description, bank.MatchTransforms, bank.CreatedOn, bank.HashCount, new SortedDictionary<string, long>(bank.Labels.ToDictionary(), StringComparer.Ordinal));
    }
}
