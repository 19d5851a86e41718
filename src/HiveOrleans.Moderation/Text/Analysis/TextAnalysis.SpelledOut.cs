namespace HiveOrleans.Moderation.Text;

internal sealed partial class TextAnalysis
{
    // No lexicon word spelled out letter by letter is longer than this ("motherfucker").
    private const int MaxSpelledOutLength = 14;

    /// <summary>Joins "f u c k", "f.u.c.k" and "f-u-c-k" into one token, but only where the joined letters are a lexicon word.</summary>
    private void JoinSpelledOutWords()
    {
        Token[]? joined = null;
        var joinedCount = 0;
        Span<char> letters = stackalloc char[32];
        var t = 0;
        while (t < TokenCount)
        {
            var runEnd = t;
            if (IsSingleLetter(t, out _))
            {
                runEnd = t + 1;
                while (runEnd < TokenCount && runEnd - t < letters.Length && Tokens[runEnd].Span == Tokens[t].Span
                    && IsSingleLetter(runEnd, out _) && IsLetterSeparator(runEnd - 1, runEnd))
                {
                    runEnd++;
                }
            }

            if (runEnd - t < (runEnd - t == 2 && IsDottedPair(t) ? 2 : 3))
            {
                if (joined is not null)
                {
                    joined[joinedCount++] = Tokens[t];
                }

                t++;
                continue;
            }

            var a = t;
            while (a < runEnd)
            {
                var merged = false;
                var shortest = runEnd - t == 2 ? 2 : 3;
                for (var b = Math.Min(runEnd, a + MaxSpelledOutLength); b - a >= shortest; b--)
                {
                    for (var k = a; k < b; k++)
                    {
                        IsSingleLetter(k, out letters[k - a]);
                    }

                    var token = new Token
                    {
                        FoldStart = Tokens[a].FoldStart,
                        FoldEnd = Tokens[b - 1].FoldEnd,
                        OrigStart = Tokens[a].OrigStart,
                        OrigEnd = Tokens[b - 1].OrigEnd,
                        Span = Tokens[a].Span,
                        Shape = TokenShape.HasLetter | TokenShape.Merged,
                    };
                    var mark = keyLength;
                    var entries = WriteKey(ref token, letters[..(b - a)], leet: false, 'i');
                    if (!HasSingleWordMatch(token) || (b - a == 2 && !IsFilterWord(entries)))
                    {
                        keyLength = mark;
                        continue;
                    }

                    token.Entries = entries;
                    joined ??= CopyPrefix(a, out joinedCount);
                    joined[joinedCount++] = token;
                    a = b;
                    merged = true;
                    break;
                }

                if (!merged)
                {
                    if (joined is not null)
                    {
                        joined[joinedCount++] = Tokens[a];
                    }

                    a++;
                }
            }

            t = runEnd;
        }

        if (joined is not null)
        {
            Tokens = joined;
            TokenCount = joinedCount;
            for (var s = 0; s < SpanCount; s++)
            {
                Spans[s].FirstToken = Spans[s].TokenEnd = 0;
            }

            for (var k = TokenCount - 1; k >= 0; k--)
            {
                Spans[Tokens[k].Span].FirstToken = k;
            }

            for (var k = 0; k < TokenCount; k++)
            {
                Spans[Tokens[k].Span].TokenEnd = k + 1;
            }
        }
    }

    private bool IsSingleLetter(int t, out char letter)
    {
        ref readonly var token = ref Tokens[t];
        letter = '\0';
        if (token.FoldEnd - token.FoldStart != 1)
        {
            return false;
        }

        var c = fold[token.FoldStart];
        letter = TokenKeys.IsLeetSymbol(c) ? TokenKeys.Leet(c, 'i') : c;
        return char.IsAsciiLetterLower(letter);
    }

    private bool IsLetterSeparator(int left, int right)
    {
        var from = Tokens[left].FoldEnd;
        var to = Tokens[right].FoldStart;
        if (to - from is < 1 or > 3)
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            if (fold[i] is not (' ' or '.' or '-' or '_' or '*' or '/' or ',' or '~' or '+' or '·' or '•' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    // "c.p." is an abbreviation written with dots; two letters with spaces ("a b") are not joined.
    private bool IsDottedPair(int first)
    {
        var between = Tokens[first + 1].FoldStart - Tokens[first].FoldEnd;
        return between == 1 && fold[Tokens[first].FoldEnd] == '.' && FoldedAt(Tokens[first + 1].FoldEnd) == '.';
    }

    private static bool IsFilterWord(LexiconEntry[]? entries)
    {
        if (entries is null)
        {
            return false;
        }

        foreach (var entry in entries)
        {
            if (entry.Tokens.Length == 1 && entry.FilterType is not null && entry.Head != HeadIndex.None)
            {
                return true;
            }
        }

        return false;
    }

    private Token[] CopyPrefix(int count, out int copied)
    {
        var joined = new Token[Tokens.Length];
        Array.Copy(Tokens, joined, count);
        copied = count;
        return joined;
    }
}
