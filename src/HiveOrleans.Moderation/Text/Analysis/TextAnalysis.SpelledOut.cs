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
        var runStart = 0;
        while (runStart < TokenCount)
        {
            var runEnd = runStart;
            if (IsSingleLetter(runStart, out _))
            {
                runEnd = runStart + 1;
                while (runEnd < TokenCount && runEnd - runStart < letters.Length && Tokens[runEnd].Span == Tokens[runStart].Span
                    && IsSingleLetter(runEnd, out _) && IsLetterSeparator(runEnd - 1, runEnd))
                {
                    runEnd++;
                }
            }

            if (runEnd - runStart < (runEnd - runStart == 2 && IsDottedPair(runStart) ? 2 : 3))
            {
                if (joined is not null)
                {
                    joined[joinedCount++] = Tokens[runStart];
                }

                runStart++;
                continue;
            }

            var first = runStart;
            while (first < runEnd)
            {
                var merged = false;
                var shortest = runEnd - runStart == 2 ? 2 : 3;
                for (var end = Math.Min(runEnd, first + MaxSpelledOutLength); end - first >= shortest; end--)
                {
                    for (var tokenIndex = first; tokenIndex < end; tokenIndex++)
                    {
                        IsSingleLetter(tokenIndex, out letters[tokenIndex - first]);
                    }

                    var token = new Token
                    {
                        FoldStart = Tokens[first].FoldStart,
                        FoldEnd = Tokens[end - 1].FoldEnd,
                        OrigStart = Tokens[first].OrigStart,
                        OrigEnd = Tokens[end - 1].OrigEnd,
                        Span = Tokens[first].Span,
                        Shape = TokenShape.HasLetter | TokenShape.Merged,
                    };
                    var mark = _keyLength;
                    var entries = WriteKey(ref token, letters[..(end - first)], leet: false, 'i');
                    if (!HasSingleWordMatch(token) || (end - first == 2 && !IsFilterWord(entries)))
                    {
                        _keyLength = mark;
                        continue;
                    }

                    token.Entries = entries;
                    joined ??= CopyPrefix(first, out joinedCount);
                    joined[joinedCount++] = token;
                    first = end;
                    merged = true;
                    break;
                }

                if (!merged)
                {
                    if (joined is not null)
                    {
                        joined[joinedCount++] = Tokens[first];
                    }

                    first++;
                }
            }

            runStart = runEnd;
        }

        if (joined is not null)
        {
            Tokens = joined;
            TokenCount = joinedCount;
            for (var spanIndex = 0; spanIndex < SpanCount; spanIndex++)
            {
                Spans[spanIndex].FirstToken = Spans[spanIndex].TokenEnd = 0;
            }

            for (var tokenIndex = TokenCount - 1; tokenIndex >= 0; tokenIndex--)
            {
                Spans[Tokens[tokenIndex].Span].FirstToken = tokenIndex;
            }

            for (var tokenIndex = 0; tokenIndex < TokenCount; tokenIndex++)
            {
                Spans[Tokens[tokenIndex].Span].TokenEnd = tokenIndex + 1;
            }
        }
    }

    private bool IsSingleLetter(int tokenIndex, out char letter)
    {
        ref readonly var token = ref Tokens[tokenIndex];
        letter = '\0';
        if (token.FoldEnd - token.FoldStart != 1)
        {
            return false;
        }

        var c = _fold[token.FoldStart];
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
            if (_fold[i] is not (' ' or '.' or '-' or '_' or '*' or '/' or ',' or '~' or '+' or '·' or '•' or '\t'))
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
        return between == 1 && _fold[Tokens[first].FoldEnd] == '.' && FoldedAt(Tokens[first + 1].FoldEnd) == '.';
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
