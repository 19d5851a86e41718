namespace HiveOrleans.Moderation.Text;

/// <summary>
/// A project's own words: a blocklist matched the way the built-in lexicons are (case, diacritics,
/// leetspeak, separators, masks, stretched letters and look-alike letters do not hide a term), and an
/// allowlist of terms whose built-in hits are suppressed. Build it once per project configuration and
/// cache it with that configuration: it is immutable and safe to share between threads.
/// </summary>
public sealed class TextCustomLists
{
    /// <summary>The <see cref="TextFilterHit.Type"/> of a blocklist hit, and the custom class it raises.</summary>
    public const string BlocklistType = "custom_blocklist";

    // A term longer than this is a sentence, not a term; it is ignored rather than matched.
    private const int MaxTermWords = 8;

    private TextCustomLists(Lexicon? lexicon, int blocklistCount, int allowlistCount)
    {
        Lexicon = lexicon;
        BlocklistCount = blocklistCount;
        AllowlistCount = allowlistCount;
    }

    /// <summary>Lists with no terms: moderation is exactly that of the built-in lexicons.</summary>
    public static TextCustomLists Empty { get; } = new(null, 0, 0);

    /// <summary>Number of blocklist terms kept (empty and over-long terms are dropped).</summary>
    public int BlocklistCount { get; }

    /// <summary>Number of allowlist terms kept.</summary>
    public int AllowlistCount { get; }

    internal Lexicon? Lexicon { get; }

    /// <summary>
    /// Compiles the lists. A term is a word or a phrase of up to eight words; punctuation inside a term
    /// separates words the way it does in text ("e-mail" is "e mail").
    /// </summary>
    public static TextCustomLists Create(IEnumerable<string> blocklist, IEnumerable<string> allowlist)
    {
        ArgumentNullException.ThrowIfNull(blocklist);
        ArgumentNullException.ThrowIfNull(allowlist);
        var entries = new List<LexiconEntry>();
        var blocked = 0;
        var allowed = 0;
        foreach (var term in blocklist)
        {
            if (Compile(term, WordRole.None, BlocklistType) is { } entry)
            {
                entries.Add(entry);
                blocked++;
            }
        }

        foreach (var term in allowlist)
        {
            if (Compile(term, WordRole.Benign, filterType: null) is { } entry)
            {
                entries.Add(entry);
                allowed++;
            }
        }

        return entries.Count == 0 ? Empty : new TextCustomLists(Lexicon.FromEntries(entries), blocked, allowed);
    }

    private static LexiconEntry? Compile(string? term, WordRole roles, string? filterType)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return null;
        }

        var words = TextAnalysis.SplitWords(term);
        if (words.Count is 0 or > MaxTermWords)
        {
            return null;
        }

        var keys = new LexiconKey[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var leet = word.Any(char.IsLetter) && word.Any(TokenKeys.IsLeetSymbol);
            keys[i] = TokenKeys.ForLexiconWord(word, leet);
        }

        return new LexiconEntry(term.Trim(), HeadIndex.None, 0, roles, filterType, keys, isCustom: true);
    }
}
