using HiveOrleans.Abstractions.Banks;

namespace HiveOrleans.Wire.Banks;

/// <summary>One page of a bank's hashes, ordered by content id (<c>GET /admin/v1/banks/{name}/hashes</c>).</summary>
/// <param name="Bank">The bank.</param>
/// <param name="Offset">The position of the page's first hash.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Total">How many hashes the bank holds in all.</param>
/// <param name="Hashes">The page's hashes.</param>
public sealed record HashPageDocument(string Bank, int Offset, int Limit, long Total, IReadOnlyList<BankHashDocument> Hashes)
{
    /// <summary>The document for <paramref name="page"/> of <paramref name="bank"/>, asked for with <paramref name="limit"/>.</summary>
    public static HashPageDocument From(string bank, int limit, BankHashPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new(bank, page.Offset, limit, page.Total, [.. page.Hashes.Select(BankHashDocument.From)]);
    }
}
