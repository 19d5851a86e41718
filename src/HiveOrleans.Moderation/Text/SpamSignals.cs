namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The non-lexical evidence for spam and promotions: links, "N% off", prices and money claims, "$$$",
/// shouting, repeated words, contact details, and the same line posted again and again.
/// </summary>
internal static class SpamSignals
{
    public const int Threshold = 3;

    public static void Add(TextAnalysis a, int spanIndex, List<Range> urls, IReadOnlyList<PiiEntity> pii, ref int spam, ref int promotion)
    {
        var span = a.Spans[spanIndex];
        var spanRoles = span.Roles;

        AddMoney(a, span, spanRoles, ref spam, ref promotion);

        // "I bought a phone, it was on sale for $300" tells of a purchase; it does not sell anything.
        if (promotion > 0 && (spanRoles & WordRole.FirstPerson) != 0 && TellsOfPurchase(a, span))
        {
            promotion = 0;
        }

        var text = a.Text.AsSpan(span.Start, span.End - span.Start);
        if (text.Contains("$$$", StringComparison.Ordinal))
        {
            spam += 2;
        }

        if (text.Contains("!!!", StringComparison.Ordinal))
        {
            spam += 1;
        }

        if (IsShouted(text))
        {
            spam += 1;
        }

        var links = 0;
        foreach (var url in urls)
        {
            links += url.Start.Value >= span.Start && url.Start.Value < span.End ? 1 : 0;
        }

        spam += links >= 2 ? 3 : links;
        promotion += links > 0 ? 1 : 0;

        foreach (var entity in pii)
        {
            if (entity.StartIndex >= span.Start && entity.StartIndex < span.End && entity.Type is PiiDetector.Email or PiiDetector.Phone)
            {
                spam += 1;
                promotion += 1;
                break;
            }
        }

        if (HasRepeatedWord(a, span) || HasRepeatedPhrase(a, span))
        {
            spam += 3;
        }
    }

    private static bool TellsOfPurchase(TextAnalysis a, in TextSpan span)
    {
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            if (a.Key(a.Tokens[t]) is "bought" or "paid" or "purchased" or "ordered" or "got")
            {
                return true;
            }
        }

        return false;
    }

    // "sub to my channel sub to my channel sub to my channel": the same few words three times over.
    private static bool HasRepeatedPhrase(TextAnalysis a, in TextSpan span)
    {
        var count = span.TokenEnd - span.FirstToken;
        for (var period = 2; period <= 8 && period * 3 <= count; period++)
        {
            var repeats = true;
            for (var t = span.FirstToken; t + period < span.TokenEnd; t++)
            {
                if (!a.Key(a.Tokens[t]).SequenceEqual(a.Key(a.Tokens[t + period])))
                {
                    repeats = false;
                    break;
                }
            }

            if (repeats)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks spam on every span of two or more words whose words appear, in order, in at least three spans.</summary>
    public static void MarkRepeatedSpans(TextAnalysis a, Span<int> heads, int headCount)
    {
        if (a.SpanCount < 3)
        {
            return;
        }

        Span<int> hashes = a.SpanCount <= 256 ? stackalloc int[a.SpanCount] : new int[a.SpanCount];
        for (var s = 0; s < a.SpanCount; s++)
        {
            var hash = new HashCode();
            for (var t = a.Spans[s].FirstToken; t < a.Spans[s].TokenEnd; t++)
            {
                hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.Key(a.Tokens[t])));
                hash.Add(0);
            }

            hashes[s] = a.Spans[s].TokenEnd - a.Spans[s].FirstToken >= 2 ? hash.ToHashCode() : 0;
        }

        // Counting by sorting keeps this O(n log n) on long texts.
        Span<int> sorted = a.SpanCount <= 256 ? stackalloc int[a.SpanCount] : new int[a.SpanCount];
        hashes.CopyTo(sorted);
        sorted.Sort();
        for (var s = 0; s < a.SpanCount; s++)
        {
            if (hashes[s] == 0)
            {
                continue;
            }

            var first = sorted.BinarySearch(hashes[s]);
            while (first > 0 && sorted[first - 1] == hashes[s])
            {
                first--;
            }

            var count = 0;
            while (first + count < sorted.Length && sorted[first + count] == hashes[s])
            {
                count++;
            }

            if (count >= 3)
            {
                heads[(s * headCount) + (int)HeadIndex.Spam] = 3;
            }
        }
    }

    private static void AddMoney(TextAnalysis a, in TextSpan span, WordRole spanRoles, ref int spam, ref int promotion)
    {
        var money = false;
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            ref readonly var token = ref a.Tokens[t];
            if (token.Is(TokenShape.HasLetter) || !token.Is(TokenShape.HasDigit))
            {
                continue;
            }

            var after = a.FoldedAt(token.FoldEnd);
            var nextRoles = t + 1 < span.TokenEnd ? a.Tokens[t + 1].Roles : WordRole.None;
            if (after == '%' && (nextRoles & WordRole.Off) != 0)
            {
                promotion += Threshold;
            }

            var before = a.FoldedAt(token.FoldStart - 1);
            money |= a.Folded(token)[0] == '$' || before is '€' or '£' or '¥' || after is '€' or '£' || (nextRoles & WordRole.Currency) != 0;
        }

        if (money)
        {
            promotion += 1;
            if ((spanRoles & (WordRole.Earn | WordRole.Period)) != 0)
            {
                spam += 2;
            }
        }
    }

    private static bool IsShouted(ReadOnlySpan<char> text)
    {
        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        return letters >= 12 && upper * 10 >= letters * 7;
    }

    // "buy buy buy buy": one content word making up half of a span of four or more words. A majority
    // vote finds the only candidate in one pass without hashing.
    private static bool HasRepeatedWord(TextAnalysis a, in TextSpan span)
    {
        var count = span.TokenEnd - span.FirstToken;
        if (count < 4)
        {
            return false;
        }

        var candidate = -1;
        var votes = 0;
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            if (!IsContentWord(a.Tokens[t]))
            {
                continue;
            }

            if (votes == 0)
            {
                candidate = t;
                votes = 1;
            }
            else
            {
                votes += a.Key(a.Tokens[t]).SequenceEqual(a.Key(a.Tokens[candidate])) ? 1 : -1;
            }
        }

        if (candidate < 0)
        {
            return false;
        }

        var occurrences = 0;
        var key = a.Key(a.Tokens[candidate]);
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            occurrences += IsContentWord(a.Tokens[t]) && a.Key(a.Tokens[t]).SequenceEqual(key) ? 1 : 0;
        }

        return occurrences >= 4 && occurrences * 2 >= count;
    }

    private static bool IsContentWord(in Token token) => token.KeyLength >= 3 && (token.Roles & WordRole.Stopword) == 0;
}
