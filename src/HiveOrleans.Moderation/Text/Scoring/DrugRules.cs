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

    /// <summary>
    /// Dealers' emoji (leaf, snowflake, pill, mushroom, herb): two different ones, or one with the plug emoji, are a menu,
    /// drugs 3 with selling or delivery in the span and 2 with use; a single one only adds to a drug word already there.
    /// </summary>
    public static void ScoreEmoji(in SpanContext context)
    {
        var text = context.Analysis.Text.AsSpan(context.Start, context.End - context.Start);
        var kinds = 0;
        var plug = false;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]);
            if (!pair && text[i] is not ('\u2744' or '\u26C4'))
            {
                continue;
            }

            var codePoint = pair ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            var kind = codePoint switch
            {
                0x1F343 or 0x1F33F => 1, // leaf, herb
                0x2744 or 0x26C4 or 0x1F328 => 2, // snowflake, snowman, snow cloud
                0x1F48A => 4, // pill
                0x1F344 => 8, // mushroom
                _ => 0,
            };
            kinds |= kind;
            plug |= codePoint == 0x1F50C;
        }

        // A snowflake beside snow or ice is the weather: "snow chains for sale ❄️".
        if (kinds == 2 && (context.HasWord("snow") || context.HasWord("ice") || context.HasWord("winter") || context.HasWord("ski")))
        {
            return;
        }

        if (kinds == 0)
        {
            return;
        }

        // One emoji is a drug only beside a drug word (basil and mushrooms are sold too); two, or one with the plug, are a menu.
        var menu = (kinds & (kinds - 1)) != 0 || plug;
        var roles = context.SpanRoles;
        if (!menu && context.ScoreOf(HeadIndex.Drugs) == 0)
        {
            return;
        }

        var severity = (roles & (WordRole.Trade | WordRole.Commerce)) != 0 ? 3
            : (roles & WordRole.DrugActivity) != 0 ? 2
            : 0;
        context.Raise(HeadIndex.Drugs, severity);
    }

    /// <summary>A drug word with a positive severity: dealing 3, use at least 2, otherwise the lexicon severity.</summary>
    public static int Severity(in SpanContext context, in LexiconMatch match)
    {
        var entry = match.Entry;

        // "never touched drugs", "I'm not on drugs", "no drugs at this party": unless someone is selling.
        if (context.AnyIn(match.First - 3, match.First - 1, WordRole.Negation) && (context.SpanRoles & WordRole.Trade) == 0)
        {
            return 0;
        }

        // "drug prices" is commerce, not dealing: generic words rise with dealers and use only.
        var dealing = entry.Has(WordRole.WeakDrugTerm) ? WordRole.Trade : WordRole.Trade | WordRole.Commerce;
        return (context.SpanRoles & dealing) != 0 ? 3
            : (context.SpanRoles & WordRole.DrugActivity) != 0 ? Math.Max(entry.Severity, 2)
            : entry.Severity;
    }
}
