namespace HiveOrleans.Moderation.Text;

internal sealed partial class TextAnalysis
{
    // Masked words are short; the limit keeps the stack buffers of the masked look-up small.
    private const int MaxMaskedLength = 32;

    /// <summary>
    /// Writes the key of <paramref name="token"/> into the shared key buffer and finds its lexicon entries, trying the
    /// readings a writer uses to hide a word: look-alike letters, leetspeak (with 1 read as i or l), Cyrillic у as u
    /// or y, letters masked with '*', and a mention's '@'.
    /// </summary>
    private void KeyAndLookUp(ref Token token)
    {
        scoped ReadOnlySpan<char> folded = _fold.AsSpan(token.FoldStart, token.FoldEnd - token.FoldStart);
        Span<char> latin = stackalloc char[folded.Length <= MaxMaskedLength ? folded.Length : 0];
        if (token.Is(TokenShape.HasOtherLetter) && (token.Is(TokenShape.HasAsciiLetter) || _mostlyLatin) && folded.Length <= MaxMaskedLength
            && ReadConfusables(folded, latin))
        {
            folded = latin;
            token.Shape |= TokenShape.Confusable;
        }

        var leet = token.Is(TokenShape.HasLeetSymbol) && token.Is(TokenShape.HasLetter) && !IsNumberWithUnit(folded);
        if (leet)
        {
            token.Shape |= TokenShape.LeetRead;
        }

        token.Entries = WriteKey(ref token, folded, leet, 'i');
        if (token.Entries is null && leet && token.Is(TokenShape.HasOne))
        {
            token.Entries = WriteKey(ref token, folded, leet, 'l') ?? WriteKey(ref token, folded, leet, 'i');
        }

        // Cyrillic у imitates both y and u ("mуrder").
        if (token.Entries is null && token.Is(TokenShape.Confusable) && folded.Contains('y') && latin.Length == folded.Length)
        {
            var original = _fold.AsSpan(token.FoldStart, token.FoldEnd - token.FoldStart);
            for (var i = 0; i < latin.Length; i++)
            {
                latin[i] = original[i] == '\u0443' ? 'u' : latin[i];
            }

            var mark = _keyLength;
            token.Entries = WriteKey(ref token, latin, leet, 'i');
            if (token.Entries is null)
            {
                _keyLength = mark;
                for (var i = 0; i < latin.Length; i++)
                {
                    latin[i] = original[i] == '\u0443' ? 'y' : latin[i];
                }

                WriteKey(ref token, latin, leet, 'i');
            }
        }

        if (token.Entries is null && token.Is(TokenShape.HasMask) && folded.Length <= MaxMaskedLength)
        {
            LookUpMasked(ref token, folded, leet);
        }

        if (token.Entries is null && token.Is(TokenShape.StartsWithAt) && folded.Length > 1)
        {
            // "@name" is a mention, not "a…"; keep the leet reading if the mention reading is unknown.
            var unmentioned = WriteKey(ref token, folded[1..], leet, 'i');
            if (unmentioned is null)
            {
                WriteKey(ref token, folded, leet, 'i');
            }
            else
            {
                token.Entries = unmentioned;
            }
        }
    }

    // Writes the Latin reading of look-alike letters into latin; false when the word has none.
    private static bool ReadConfusables(ReadOnlySpan<char> folded, Span<char> latin)
    {
        var changed = false;
        for (var i = 0; i < folded.Length; i++)
        {
            latin[i] = Confusables.ToLatin(folded[i]);
            changed |= latin[i] != folded[i];
        }

        return changed;
    }

    private void LookUpMasked(ref Token token, ReadOnlySpan<char> folded, bool leet)
    {
        Span<char> letters = stackalloc char[folded.Length];
        var n = 0;
        foreach (var c in folded)
        {
            if (c != '\'')
            {
                letters[n++] = leet ? TokenKeys.Leet(c, 'i') : c;
            }
        }

        // "f*u*c*k" uses '*' as a separator; "sh*t" hides a letter.
        var mark = _keyLength;
        Span<char> unstarred = stackalloc char[n];
        var u = 0;
        foreach (var c in letters[..n])
        {
            if (c != '*')
            {
                unstarred[u++] = c;
            }
        }

        var entries = WriteKey(ref token, unstarred[..u], leet: false, 'i');
        if (HasSingleWordMatch(token))
        {
            token.Entries = entries;
            return;
        }

        _keyLength = mark;
        var masked = _lexicon.FindMasked(letters[..n]) ?? _custom?.FindMasked(letters[..n]);
        if (masked is null)
        {
            WriteKey(ref token, folded, leet, 'i');
            return;
        }

        var key = masked.Tokens[0];
        var keyChars = ReserveKey(key.Skeleton.Length, out var keyRuns);
        key.Skeleton.CopyTo(keyChars);
        key.Runs.CopyTo(keyRuns);
        token.KeyStart = _keyLength;
        token.KeyLength = key.Skeleton.Length;
        _keyLength += key.Skeleton.Length;
        token.Entries = _lexicon.Find(key.Skeleton);
    }

    private LexiconEntry[]? WriteKey(ref Token token, ReadOnlySpan<char> folded, bool leet, char oneAs)
    {
        var key = ReserveKey(folded.Length, out var keyRuns);
        var length = TokenKeys.Build(folded, leet, oneAs, key, keyRuns);
        token.KeyStart = _keyLength;
        token.KeyLength = length;
        _keyLength += length;
        token.Shape &= ~TokenShape.Stretched;
        foreach (var run in keyRuns[..length])
        {
            if (run >= 3)
            {
                token.Shape |= TokenShape.Stretched;
                break;
            }
        }

        return _lexicon.Find(key[..length]);
    }

    private Span<char> ReserveKey(int length, out Span<byte> keyRuns)
    {
        if (_keyLength + length > _keys.Length)
        {
            var size = Math.Max(_keys.Length * 2, _keyLength + length);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _runs, size);
        }

        keyRuns = _runs.AsSpan(_keyLength, length);
        return _keys.AsSpan(_keyLength, length);
    }

    private bool HasSingleWordMatch(in Token token)
    {
        var entries = _lexicon.Find(Key(token));
        var customEntries = _custom?.Find(Key(token));
        return (entries is not null && HasSingleWordMatch(entries, token))
            || (customEntries is not null && HasSingleWordMatch(customEntries, token));
    }

    private bool HasSingleWordMatch(LexiconEntry[] entries, in Token token)
    {
        foreach (var entry in entries)
        {
            if (entry.Tokens.Length == 1 && entry.Tokens[0].RunsMatch(Runs(token)))
            {
                return true;
            }
        }

        return false;
    }

    // "12yo", "50mg", "100k": a number and its unit, not leetspeak.
    private static bool IsNumberWithUnit(ReadOnlySpan<char> folded)
    {
        var digits = 0;
        while (digits < folded.Length && char.IsAsciiDigit(folded[digits]))
        {
            digits++;
        }

        if (digits < 2 && !(digits == 1 && folded.Length <= 4 && folded[1..] is "st" or "nd" or "rd" or "th"))
        {
            return false;
        }

        foreach (var c in folded[digits..])
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
