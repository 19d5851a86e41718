namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Tells English, Spanish, French, German, Portuguese, Italian and Dutch apart from the function words,
/// diacritics and spellings of <see cref="LanguageProfiles"/>, and answers "unknown" for other languages,
/// other scripts and text without enough evidence. Short or mixed text that has English words in it is
/// English: chat is mostly English, and the lexicons only judge English.
/// </summary>
internal static class LanguageDetector
{
    public const string Unknown = "unknown";

    // A function word of one language is worth this much; shared by several, it is split between them.
    private const int Whole = 12;
    private const int SpellingWeight = 4;
    private const int DiacriticWeight = 4;
    private const int LexiconWeight = 6;

    // Enough words to tell a language; the rest of a long text only costs time.
    private const int MaxWords = 400;
    private const int MaxWordLength = 32;

    /// <summary>The language code, and how many words there were in Latin and in other scripts.</summary>
    public static (string Code, int LatinWords, int OtherWords) Detect(TextAnalysis a, List<Range> urls)
    {
        Span<int> score = stackalloc int[LanguageProfiles.Count];
        Span<int> functionWords = stackalloc int[LanguageProfiles.Count];
        Span<char> word = stackalloc char[MaxWordLength];
        var latinWords = 0;
        var otherWords = 0;
        var lastChar = 0;
        for (var t = 0; t < a.TokenCount && latinWords + otherWords < MaxWords; t++)
        {
            ref readonly var token = ref a.Tokens[t];
            lastChar = token.OrigEnd;
            if (!token.Is(TokenShape.HasLetter) || token.Is(TokenShape.HasDigit) || InAny(urls, token.OrigStart))
            {
                continue;
            }

            if (!token.Is(TokenShape.HasAsciiLetter))
            {
                otherWords++;
                continue;
            }

            latinWords++;
            var folded = a.Folded(token);
            if (folded.Length > MaxWordLength)
            {
                continue;
            }

            // Apostrophes are dropped ("don't" is "dont"); most words have none and are looked up as they are.
            var apostrophe = folded.IndexOf('\'');
            var length = folded.Length;
            if (apostrophe >= 0)
            {
                length = 0;
                foreach (var c in folded)
                {
                    if (c != '\'')
                    {
                        word[length++] = c;
                    }
                }
            }

            ReadOnlySpan<char> plain = apostrophe >= 0 ? word[..length] : folded;
            var languages = LanguageProfiles.FunctionWords.TryGetValue(plain, out var found) ? found : (byte)0;
            if (languages == 0 && apostrophe is > 0 and <= 2)
            {
                // French and Italian elision: l'adresse, j'arrive, dell'anno.
                languages = (byte)(LanguageProfiles.Bit(LanguageProfiles.French) | LanguageProfiles.Bit(LanguageProfiles.Italian));
            }

            if (languages != 0)
            {
                Add(score, languages, Whole);
                Add(functionWords, languages, 1);
                continue;
            }

            Add(score, LanguageProfiles.Spelling(plain), SpellingWeight);
            // A word a lexicon knows is evidence of the languages whose lexicons list it.
            if (token.Entries is { } entries)
            {
                byte listedIn = 0;
                foreach (var entry in entries)
                {
                    listedIn |= entry.Languages;
                }

                Add(score, listedIn, LexiconWeight);
            }

        }

        foreach (var c in a.Text.AsSpan(0, Math.Min(lastChar, a.Text.Length)))
        {
            if (c >= '\u00A1' && c <= '\u0153')
            {
                Add(score, LanguageProfiles.Diacritic(c), DiacriticWeight);
            }
        }

        return (Decide(score, functionWords, latinWords, otherWords), latinWords, otherWords);
    }

    private static string Decide(ReadOnlySpan<int> score, ReadOnlySpan<int> functionWords, int latinWords, int otherWords)
    {
        if (latinWords == 0 || otherWords > latinWords)
        {
            return Unknown;
        }

        var best = 0;
        for (var l = 1; l < score.Length; l++)
        {
            if (score[l] > score[best])
            {
                best = l;
            }
        }

        var english = score[LanguageProfiles.English];
        if (score[best] == 0)
        {
            return Unknown;
        }

        // Prefer English when it holds its own: a few English words decide a short or mixed message.
        if (english * 4 >= score[best] * 3 && (IsDense(english, latinWords) || (latinWords <= 3 && english >= Whole)))
        {
            return LanguageProfiles.Codes[LanguageProfiles.English];
        }

        // A language whose common words are scarce in the text is more likely one we have no profile for;
        // letters like ä alone do not make a sentence German (Finnish has them too).
        return IsDense(score[best], latinWords) && (functionWords[best] > 0 || latinWords <= 2) ? LanguageProfiles.Codes[best] : Unknown;
    }

    // At least a fifth of the words' worth of evidence.
    private static bool IsDense(int score, int words) => score * 5 >= words * Whole;

    private static void Add(Span<int> score, byte languages, int weight)
    {
        if (languages == 0)
        {
            return;
        }

        var share = weight / System.Numerics.BitOperations.PopCount(languages);
        for (var l = 0; l < score.Length; l++)
        {
            if ((languages & (1 << l)) != 0)
            {
                score[l] += Math.Max(share, 1);
            }
        }
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
