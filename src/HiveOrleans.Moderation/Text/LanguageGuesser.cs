namespace HiveOrleans.Moderation.Text;

/// <summary>"en" when English function words make up a fifth of the words, otherwise "unknown".</summary>
internal static class LanguageGuesser
{
    public const string English = "en";
    public const string Unknown = "unknown";

    public static string Guess(TextAnalysis a)
    {
        var words = 0;
        var stopwords = 0;
        for (var t = 0; t < a.TokenCount; t++)
        {
            ref readonly var token = ref a.Tokens[t];
            if (!token.Is(TokenShape.HasLetter) || token.Is(TokenShape.HasDigit))
            {
                continue;
            }

            words++;
            stopwords += (token.Roles & WordRole.Stopword) != 0 ? 1 : 0;
        }

        return stopwords > 0 && stopwords * 5 >= words ? English : Unknown;
    }
}
