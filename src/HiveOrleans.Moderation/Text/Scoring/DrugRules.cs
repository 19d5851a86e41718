namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The drugs head: an ambiguous drug word needs talk of use around it, or of trade unless it is a generic term
/// ("drugs", "gas"), and dealing outweighs use, which outweighs a mention. Trade in a neighbouring sentence is
/// <see cref="CrossSpanRules.DrugTrade"/>.
/// </summary>
internal static class DrugRules
{
    /// <summary>Whether the span settles an ambiguous drug word in its drug sense.</summary>
    public static bool HasContext(in SpanContext context, in LexiconMatch match, bool solid, bool obfuscated) =>
        match.Entry.Has(WordRole.WeakDrugTerm)
            ? solid || obfuscated || (context.SpanRoles & WordRole.DrugActivity) != 0
            : solid || obfuscated || (context.SpanRoles & (WordRole.DrugActivity | WordRole.Trade)) != 0;

    /// <summary>A drug word with a positive severity: dealing 3, use at least 2, otherwise the lexicon severity.</summary>
    public static int Severity(in SpanContext context, LexiconEntry entry)
    {
        // "drug prices" is commerce, not dealing: generic words rise with dealers and use only.
        var dealing = entry.Has(WordRole.WeakDrugTerm) ? WordRole.Trade : WordRole.Trade | WordRole.Commerce;
        return (context.SpanRoles & dealing) != 0 ? 3
            : (context.SpanRoles & WordRole.DrugActivity) != 0 ? Math.Max(entry.Severity, 2)
            : entry.Severity;
    }
}
