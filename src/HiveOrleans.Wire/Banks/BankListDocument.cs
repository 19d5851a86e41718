using HiveOrleans.Abstractions.Banks;

namespace HiveOrleans.Wire.Banks;

/// <summary>Every bank (<c>GET /admin/v1/banks</c>).</summary>
/// <param name="Banks">The banks, in the catalogue's order.</param>
public sealed record BankListDocument(IReadOnlyList<BankDocument> Banks)
{
    /// <summary>The list of <paramref name="banks"/>.</summary>
    public static BankListDocument From(IEnumerable<HashBankDetails> banks)
    {
        ArgumentNullException.ThrowIfNull(banks);
        return new([.. banks.Select(BankDocument.From)]);
    }
}
