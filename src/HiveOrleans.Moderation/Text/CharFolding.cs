using System.Globalization;

namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Folds one character to the form the lexicons are written in: lower case, diacritics stripped,
/// full-width and mathematical letters mapped to ASCII, invisible format characters dropped.
/// </summary>
/// <remarks>
/// The solution runs with InvariantGlobalization, where <c>string.Normalize</c> is a no-op, so the
/// NFD/NFKC folds we need are tables here. The Latin tables were generated once from ICU's NFKD
/// (base letter of the decomposition, lower-cased); '?' marks code points with no single ASCII base.
/// </remarks>
internal static class CharFolding
{
    /// <summary>Returned by <see cref="Fold"/> for characters that vanish (zero-width, combining marks).</summary>
    public const char Removed = '\0';

    /// <summary>Returned by <see cref="Fold"/> for characters that fold to several letters (ß, ﬃ); see <see cref="Expansion"/>.</summary>
    public const char Expands = '\u0001';

    // U+00C0..U+024F
    private const string LatinBase =
        "aaaaaa?ceeeeiiii?nooooo??uuuuy??aaaaaa?ceeeeiiii?nooooo??uuuuy?yaaaaaaccccccccdd??eeeeeeeeeegggggggghh??iiiiiiiii???jjkk?llllll????nnnnnn???oooooo??rrrrrrsssssssstttt??uuuuuuuuuuuuwwyyyzzzzzzs????????????????????????????????oo?????????????uu????????????????????????????aaiioouuuuuuuuuu?aaaa????ggkkoooo??j???gg??nnaa????aaaaeeeeiiiioooorrrruuuusstt??hh??????aaeeooooooooyy????????????????????????????";

    // U+1E00..U+1EFF
    private const string LatinAdditional =
        "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy?s????aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy??????";

    private static readonly char[] Table = BuildTable();

    public static char Fold(char c) => Table[c];

    public static string Expansion(char c) => c switch
    {
        'ß' or 'ẞ' => "ss",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'ĳ' or 'Ĳ' => "ij",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' or 'ﬆ' => "st",
        _ => c.ToString(),
    };

    /// <summary>Folds a supplementary-plane code point: mathematical alphanumerics become ASCII letters, tags vanish, the rest is U+FFFD.</summary>
    public static char FoldSupplementary(int codePoint)
    {
        // U+1D400..U+1D6A3: 13 styles of A-Z a-z, 52 each (reserved holes still land on the right letter).
        if (codePoint is >= 0x1D400 and <= 0x1D6A3)
        {
            var letter = (codePoint - 0x1D400) % 52;
            return (char)('a' + (letter % 26));
        }

        // Tag characters are invisible; everything else (emoji and the like) is a non-word symbol.
        return codePoint is >= 0xE0000 and <= 0xE007F ? Removed : '\uFFFD';
    }

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            table[i] = FoldUncached((char)i);
        }

        return table;
    }

    private static char FoldUncached(char c)
    {
        if (c < 0x80)
        {
            return c switch
            {
                >= 'A' and <= 'Z' => (char)(c + 32),
                '`' => '\'',
                _ => c,
            };
        }

        // Typographic apostrophes, so "don’t" reads as "don't".
        if (c is '\u2019' or '\u2018' or '\u02BC' or '\u00B4')
        {
            return '\'';
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return FoldUncached((char)(c - 0xFEE0));
        }

        if (c == '\u3000')
        {
            return ' ';
        }

        if (Expansion(c).Length > 1)
        {
            return Expands;
        }

        if (char.IsSurrogate(c))
        {
            return c;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return Removed;
        }

        if (c is >= '\u00C0' and <= '\u024F' && LatinBase[c - 0xC0] != '?')
        {
            return LatinBase[c - 0xC0];
        }

        if (c is >= '\u1E00' and <= '\u1EFF' && LatinAdditional[c - 0x1E00] != '?')
        {
            return LatinAdditional[c - 0x1E00];
        }

        return c switch
        {
            'Ø' or 'ø' => 'o',
            'Đ' or 'đ' or 'Ð' or 'ð' => 'd',
            'Ħ' or 'ħ' => 'h',
            'ı' => 'i',
            'Ł' or 'ł' => 'l',
            'Ŧ' or 'ŧ' => 't',
            'ƒ' => 'f',
            _ => char.ToLowerInvariant(c),
        };
    }
}
