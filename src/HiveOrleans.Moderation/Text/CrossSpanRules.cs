namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The rules that look beyond one span. Child exploitation from evidence that a minor is involved (a word for a child, or an age under 18)
/// together with sexual content, grooming, trading pictures, or an adult seeking contact. Grooming often
/// spreads over several short messages ("how old are you?" / "13?" / "don't tell your parents"), so an
/// age under 18 counts from the two spans either side; a word like "kids" only in its own span, or a story
/// that mentions the children and later the parents' sex life would be flagged.
/// </summary>
internal static class CrossSpanRules
{
    private const int Window = 2;

    // A dealer's advert is often two short sentences: "MDMA, LSD, DMT. Telegram only."
    private const int MaxContactSpanTokens = 5;

    /// <summary>Drugs named in one span and a way to buy them in a short span next to it: drugs 3.</summary>
    public static void DrugTrade(TextAnalysis a, Span<int> scores, int headCount)
    {
        for (var s = 0; s < a.SpanCount; s++)
        {
            ref var drugs = ref scores[(s * headCount) + (int)HeadIndex.Drugs];
            if (drugs is 0 or 3)
            {
                continue;
            }

            for (var n = Math.Max(0, s - 1); n <= Math.Min(a.SpanCount - 1, s + 1); n++)
            {
                var span = a.Spans[n];
                if (n != s && span.TokenEnd - span.FirstToken <= MaxContactSpanTokens && (a.SpanRoles(n) & WordRole.Trade) != 0)
                {
                    drugs = 3;
                }
            }
        }
    }

    /// <summary>Child exploitation: a minor, and sexual content, grooming, pictures being traded or sexualised, or an adult seeking contact.</summary>
    public static void ChildExploitation(TextAnalysis a, Span<int> scores, int headCount)
    {
        var count = a.SpanCount;
        // 1: a word for a minor in the span; 2: an age under 18.
        Span<byte> minor = count <= 256 ? stackalloc byte[count] : new byte[count];
        var any = false;
        for (var s = 0; s < count; s++)
        {
            minor[s] = (byte)(HasMinorAge(a, s) ? 2 : (a.SpanRoles(s) & WordRole.Minor) != 0 ? 1 : 0);
            any |= minor[s] != 0;
        }

        // Two different grooming moves in one message (asking about a child's parents or school, secrecy, a move to
        // another app, a gift for a picture) are grooming without any word for a child.
        var groomingMoves = CountGroomingMoves(a);
        if (!any && groomingMoves < 2)
        {
            return;
        }

        for (var s = 0; s < count; s++)
        {
            var here = minor[s] != 0;
            var near = here;
            for (var n = Math.Max(0, s - Window); n <= Math.Min(count - 1, s + Window); n++)
            {
                near |= minor[n] == 2;
            }

            var roles = a.SpanRoles(s);
            if (groomingMoves >= 2 && (roles & WordRole.Grooming) != 0)
            {
                scores[(s * headCount) + (int)HeadIndex.ChildExploitation] = 3;
                continue;
            }

            if (!near)
            {
                continue;
            }

            var sexual = scores[(s * headCount) + (int)HeadIndex.Sexual];
            var exploitation = (sexual > 0 && here)
                || sexual >= 2
                || (roles & WordRole.Grooming) != 0
                || (here && (roles & WordRole.Media) != 0 && (roles & (WordRole.Trade | WordRole.SexualContext)) != 0)
                || (here && (roles & WordRole.Contact) != 0 && HasAdultSelfAge(a, s));
            if (exploitation)
            {
                scores[(s * headCount) + (int)HeadIndex.ChildExploitation] = 3;
            }
        }
    }

    private static int CountGroomingMoves(TextAnalysis a)
    {
        // The same phrase said twice ("free gift card ... free gift card") is one move.
        LexiconEntry? first = null;
        for (var m = 0; m < a.MatchCount; m++)
        {
            var entry = a.Matches[m].Entry;
            if (!entry.Has(WordRole.Grooming) || a.Matches[m].Shadowed)
            {
                continue;
            }

            if (first is not null && !ReferenceEquals(first, entry))
            {
                return 2;
            }

            first = entry;
        }

        return first is null ? 0 : 1;
    }

    /// <summary>"12yo", "14 year old", "she's 14", "only 13", "mature for 12", or a bare "13?" answering "how old are you?".</summary>
    private static bool HasMinorAge(TextAnalysis a, int s)
    {
        var span = a.Spans[s];
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            var folded = a.Folded(a.Tokens[t]);
            var age = LeadingNumber(folded, out var digits);
            if (digits == 0 || age is < 1 or > 17)
            {
                continue;
            }

            var unit = folded[digits..];
            if (unit is "yo" or "y" or "yr" or "yrs" or "yearold" || (unit.IsEmpty && (RolesAt(a, span, t + 1) & WordRole.AgeUnit) != 0))
            {
                return true;
            }

            if (!unit.IsEmpty)
            {
                continue;
            }

            var before = a.KeyAt(t - 1, span);
            if ((RolesAt(a, span, t - 1) & WordRole.AgeCue) != 0 || (before is "for" && a.KeyAt(t - 2, span) is "mature"))
            {
                return true;
            }

            // A message that is only the number, right after a question about age.
            if (span.TokenEnd - span.FirstToken == 1 && s > 0 && AsksAge(a, s - 1))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AsksAge(TextAnalysis a, int s)
    {
        var span = a.Spans[s];
        for (var t = span.FirstToken; t + 1 < span.TokenEnd; t++)
        {
            if ((a.Key(a.Tokens[t]) is "how" && a.KeyAt(t + 1, span) is "old") || a.Key(a.Tokens[t]) is "age" or "asl")
            {
                return true;
            }
        }

        return false;
    }

    // "I'm 35": an adult writing about themself.
    private static bool HasAdultSelfAge(TextAnalysis a, int s)
    {
        var span = a.Spans[s];
        for (var t = span.FirstToken + 1; t < span.TokenEnd; t++)
        {
            var folded = a.Folded(a.Tokens[t]);
            var age = LeadingNumber(folded, out var digits);
            if (digits > 0 && digits == folded.Length && age is >= 18 and < 100 && a.KeyAt(t - 1, span) is "im" or "iam" or "am")
            {
                return true;
            }
        }

        return false;
    }

    private static int LeadingNumber(ReadOnlySpan<char> folded, out int digits)
    {
        var value = 0;
        digits = 0;
        while (digits < folded.Length && digits < 3 && char.IsAsciiDigit(folded[digits]))
        {
            value = (value * 10) + (folded[digits] - '0');
            digits++;
        }

        return digits < folded.Length && char.IsAsciiDigit(folded[digits]) ? -1 : value;
    }

    private static WordRole RolesAt(TextAnalysis a, in TextSpan span, int t) =>
        t >= span.FirstToken && t < span.TokenEnd ? a.Tokens[t].Roles : WordRole.None;
}
