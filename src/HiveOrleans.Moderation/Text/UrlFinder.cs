using System.Text.RegularExpressions;

namespace HiveOrleans.Moderation.Text;

/// <summary>Finds links (with a scheme, "www.", or a bare domain with a common top-level domain) for the spam signals.</summary>
internal static partial class UrlFinder
{
    public static List<Range> Find(string text)
    {
        var found = new List<Range>();
        if (!MayContainUrl(text))
        {
            return found;
        }

        foreach (var match in UrlPattern().EnumerateMatches(text))
        {
            found.Add(new Range(match.Index, match.Index + match.Length));
        }

        return found;
    }

    // Prose has ". " between sentences; a link has a dot followed by a letter, or a scheme.
    private static bool MayContainUrl(string text)
    {
        var index = text.IndexOf('.', StringComparison.Ordinal);
        while (index >= 0 && index + 1 < text.Length)
        {
            if (char.IsAsciiLetter(text[index + 1]))
            {
                return true;
            }

            index = text.IndexOf('.', index + 1);
        }

        return text.Contains("://", StringComparison.Ordinal);
    }

    [GeneratedRegex(
        @"(?:https?://|www\.)[^\s<>""]+|(?<![@\w.-])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.(?:com|net|org|io|ly|co|xyz|biz|info|ru|top|me|gg|link|click|shop|store|online|site|app|tk|cn|uk|de|us|tv|live)\b(?:/[^\s<>""]*)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
