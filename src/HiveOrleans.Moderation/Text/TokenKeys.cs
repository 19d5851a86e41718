namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Turns a token's folded characters into its lexicon key: apostrophes dropped, leetspeak read as
/// letters when the token also has letters, and runs of one letter collapsed with their lengths kept.
/// </summary>
internal static class TokenKeys
{
    public static LexiconKey ForLexiconWord(string word) => ForLexiconWord(word, leet: false);

    /// <summary>The key of a word as the lexicons store it; <paramref name="leet"/> reads digits and symbols as letters ("n00b").</summary>
    public static LexiconKey ForLexiconWord(string word, bool leet)
    {
        Span<char> folded = stackalloc char[word.Length * 3];
        var length = 0;
        foreach (var c in word)
        {
            var f = CharFolding.Fold(c);
            if (f == CharFolding.Removed)
            {
                continue;
            }

            if (f == CharFolding.Expands)
            {
                foreach (var e in CharFolding.Expansion(c))
                {
                    folded[length++] = e;
                }

                continue;
            }

            folded[length++] = f;
        }

        Span<char> key = stackalloc char[length];
        Span<byte> runs = stackalloc byte[length];
        var keyLength = Build(folded[..length], leet, oneAs: 'i', key, runs);
        return new LexiconKey(new string(key[..keyLength]), runs[..keyLength].ToArray());
    }

    /// <summary>Writes the key of <paramref name="folded"/> into <paramref name="key"/> and <paramref name="runs"/>; returns its length.</summary>
    public static int Build(ReadOnlySpan<char> folded, bool leet, char oneAs, Span<char> key, Span<byte> runs)
    {
        var length = 0;
        foreach (var raw in folded)
        {
            if (raw == '\'')
            {
                continue;
            }

            var c = leet ? Leet(raw, oneAs) : raw;
            if (length > 0 && key[length - 1] == c)
            {
                if (runs[length - 1] < byte.MaxValue)
                {
                    runs[length - 1]++;
                }

                continue;
            }

            key[length] = c;
            runs[length] = 1;
            length++;
        }

        return length;
    }

    /// <summary>The letter a leetspeak symbol stands for; '1' and '|' are ambiguous between i and l.</summary>
    public static char Leet(char c, char oneAs) => c switch
    {
        '0' => 'o',
        '1' => oneAs,
        '|' => oneAs == 'i' ? 'l' : 'i',
        '!' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        _ => c,
    };

    public static bool IsLeetSymbol(char c) => c is '0' or '1' or '|' or '!' or '3' or '4' or '@' or '5' or '$' or '7';
}
