namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Keyboard mashing and random letters, told apart from prose by character statistics: how likely each word's
/// letter pairs are in English, its vowels, and its longest run of consonants; words of the lexicons and the common
/// words of the six languages' profiles always count as words. A span is
/// gibberish when most of its letters sit in implausible words; spans with fewer than 8 letters never are.
/// </summary>
internal static class GibberishDetector
{
    public const int MinimumLetters = 8;

    // Mean log probability per letter pair below which a word is implausible (English words sit near -2.5).
    private const float WordThreshold = -4.1f;
    private const float ShortWordThreshold = -4.8f;
    private const int MaxConsonantRun = 5;

    // Keyboard mashing runs along a row: "asdfasdf", "qwerqwer", "jkljkl". English words of six letters or
    // more rarely have even half their letter pairs side by side on one row.
    private const int MinRowWalkLength = 6;
    private const float RowWalkShare = 0.7f;
    private const string KeyboardRows = "qwertyuiop asdfghjkl zxcvbnm";

    public static bool IsGibberish(TextAnalysis a, int spanIndex, List<Range> urls)
    {
        var span = a.Spans[spanIndex];
        var letters = 0;
        var otherScriptLetters = 0;
        var implausibleLetters = 0;
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            ref readonly var token = ref a.Tokens[t];
            if (token.Is(TokenShape.HasDigit | TokenShape.HasLeetSymbol | TokenShape.Merged) || InAny(urls, token.OrigStart))
            {
                continue;
            }

            var word = a.Folded(token);
            // Words the lexicons or the language profiles know are words, whatever English letter pairs make of them ("ciao").
            var known = (token.Roles & WordRole.Stopword) != 0 || token.Entries is not null || LanguageProfiles.FunctionWords.ContainsKey(word);
            var (length, plausible, otherScript) = Measure(word, known);
            if (otherScript)
            {
                otherScriptLetters += word.Length;
                continue;
            }

            letters += length;
            if (!plausible)
            {
                implausibleLetters += length;
            }
        }

        return letters >= MinimumLetters && otherScriptLetters <= letters && implausibleLetters * 2 >= letters;
    }

    private static (int Length, bool Plausible, bool OtherScript) Measure(ReadOnlySpan<char> word, bool known)
    {
        var length = 0;
        var vowels = 0;
        var run = 0;
        var longestRun = 0;
        var previous = EnglishLetterModel.Boundary;
        var logSum = 0f;
        foreach (var c in word)
        {
            if (c == '\'')
            {
                continue;
            }

            if (c is < 'a' or > 'z')
            {
                return (0, true, true);
            }

            var current = c - 'a';
            logSum += EnglishLetterModel.LogProbability(previous, current);
            previous = current;
            length++;
            if (c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y')
            {
                vowels++;
                run = 0;
            }
            else
            {
                longestRun = Math.Max(longestRun, ++run);
            }
        }

        logSum += EnglishLetterModel.LogProbability(previous, EnglishLetterModel.Boundary);
        if (known || length < 2)
        {
            return (length, true, false);
        }

        var mean = logSum / (length + 1);
        var plausible = length <= 3
            ? mean >= ShortWordThreshold
            : mean >= WordThreshold && vowels > 0 && longestRun <= MaxConsonantRun && !IsRowWalk(word, length);
        return (length, plausible, false);
    }

    private static bool IsRowWalk(ReadOnlySpan<char> word, int length)
    {
        if (length < MinRowWalkLength)
        {
            return false;
        }

        var pairs = 0;
        var neighbours = 0;
        for (var i = 1; i < word.Length; i++)
        {
            if (word[i] == word[i - 1] || word[i] == '\'' || word[i - 1] == '\'')
            {
                continue;
            }

            pairs++;
            var at = KeyboardRows.IndexOf(word[i - 1], StringComparison.Ordinal);
            if (at >= 0 && ((at > 0 && KeyboardRows[at - 1] == word[i]) || (at + 1 < KeyboardRows.Length && KeyboardRows[at + 1] == word[i])))
            {
                neighbours++;
            }
        }

        return pairs > 0 && neighbours >= pairs * RowWalkShare;
    }

    private static bool InAny(List<Range> ranges, int index)
    {
        foreach (var range in ranges)
        {
            if (index >= range.Start.Value && index < range.End.Value)
            {
                return true;
            }
        }

        return false;
    }
}
