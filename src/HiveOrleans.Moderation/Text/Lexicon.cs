using System.Collections.Frozen;

namespace HiveOrleans.Moderation.Text;

/// <summary>
/// All lexicons compiled into one dictionary from the key of a phrase's first token to the entries
/// that start with it. Built once; read-only afterwards, so shared freely between threads.
/// </summary>
internal sealed class Lexicon
{
    private static readonly Dictionary<string, WordRole> FlagNames = BuildFlagNames();

    private readonly FrozenDictionary<string, LexiconEntry[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstKey;

    // Single words that are filter hits, for masked spellings like "f*ck": unambiguous words first, profanity
    // first among them. A masked word is read in its offensive sense, so ambiguous words ("p*ssy") come last.
    private readonly LexiconEntry[] _maskable;

    private Lexicon(FrozenDictionary<string, LexiconEntry[]> entries)
    {
        _byFirstKey = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        Count = entries.Values.Sum(e => e.Length);
        _maskable = entries.Values
            .SelectMany(e => e)
            .Where(e => e.Tokens.Length == 1 && e.FilterType is not null && e.Text.Length >= 3)
            .OrderBy(e => e.Has(WordRole.Ambiguous))
            .ThenByDescending(e => e.Has(WordRole.Profanity))
            .ThenBy(e => e.Text, StringComparer.Ordinal)
            .ToArray();
    }

    public static Lexicon BuiltIn { get; } = Compile(
    [
        new(HeadIndex.Bullying, ProfanityLexicon.Entries),
        new(HeadIndex.Bullying, BullyingLexicon.Entries),
        new(HeadIndex.Sexual, SexualLexicon.Entries),
        new(HeadIndex.Hate, HateLexicon.Entries),
        new(HeadIndex.Violence, ViolenceLexicon.Entries),
        new(HeadIndex.SelfHarm, SelfHarmLexicon.Entries),
        new(HeadIndex.Drugs, DrugsLexicon.Entries),
        new(HeadIndex.ChildExploitation, ChildSafetyLexicon.Entries),
        new(HeadIndex.Spam, SpamLexicon.Entries),
        new(HeadIndex.Promotions, PromotionsLexicon.Entries),
        new(HeadIndex.None, ContextLexicon.Entries),
        new(HeadIndex.None, BenignLexicon.Entries),
        .. In(LanguageProfiles.Spanish, SpanishLexicon.Sources),
        .. In(LanguageProfiles.French, FrenchLexicon.Sources),
        .. In(LanguageProfiles.German, GermanLexicon.Sources),
        .. In(LanguageProfiles.Portuguese, PortugueseLexicon.Sources),
        .. In(LanguageProfiles.Italian, ItalianLexicon.Sources),
    ]);

    private static IEnumerable<LexiconSource> In(int language, IEnumerable<LexiconSource> sources) =>
        sources.Select(source => source with { Language = language });

    /// <summary>Number of compiled entries (every suffixed form counts).</summary>
    public int Count { get; }

    public LexiconEntry[]? Find(ReadOnlySpan<char> firstKey) =>
        _byFirstKey.TryGetValue(firstKey, out var entries) ? entries : null;

    /// <summary>
    /// The filter word a masked spelling stands for: "sh*t", "f**k", "b*tch". Needs at least two visible
    /// letters and as many letters as the word, so "f***" or "*****" match nothing.
    /// </summary>
    public LexiconEntry? FindMasked(ReadOnlySpan<char> masked)
    {
        var visible = masked.Length - masked.Count('*');
        if (visible < 2 || visible == masked.Length)
        {
            return null;
        }

        foreach (var entry in _maskable)
        {
            if (entry.Text.Length == masked.Length && FitsMask(entry.Text, masked))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool FitsMask(string word, ReadOnlySpan<char> masked)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (masked[i] != '*' && masked[i] != word[i])
            {
                return false;
            }
        }

        return true;
    }

    public static Lexicon Compile(IEnumerable<LexiconSource> sources) =>
        FromEntries(sources.SelectMany(source => MergeContextWords(Parse(source))));

    /// <summary>A lexicon of entries built elsewhere (a project's own terms).</summary>
    public static Lexicon FromEntries(IEnumerable<LexiconEntry> entries)
    {
        var byKey = new Dictionary<string, List<LexiconEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var first = entry.Tokens[0].Skeleton;
            if (!byKey.TryGetValue(first, out var list))
            {
                byKey[first] = list = [];
            }

            list.Add(entry);
        }

        // Longest phrases first, so the first full match at a token is the one that shadows the rest; an
        // innocent fixed expression before anything of its length, so it claims its words first.
        return new Lexicon(byKey.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.OrderByDescending(e => e.Tokens.Length).ThenByDescending(e => e.Has(WordRole.Benign)).ToArray(),
            StringComparer.Ordinal));
    }

    private static IEnumerable<LexiconEntry> Parse(LexiconSource source)
    {
        foreach (var rawLine in source.Entries.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (line[0] is < '0' or > '3' || line.Length < 3 || line[1] != ' ')
            {
                throw new FormatException($"Lexicon line must start with a severity 0-3: '{line}'");
            }

            var severity = line[0] - '0';
            var flagStart = line.IndexOf('#', StringComparison.Ordinal);
            var phrases = flagStart < 0 ? line[2..] : line[2..flagStart];
            var (roles, filter, englishOnly, objectFirst) = ParseFlags(source.Head, flagStart < 0 ? "" : line[flagStart..]);
            var language = LanguageProfiles.Bit(source.Language);

            foreach (var alternative in phrases.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var phrase in ExpandSuffixes(alternative))
                {
                    var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var keys = new LexiconKey[words.Length];
                    for (var i = 0; i < words.Length; i++)
                    {
                        keys[i] = TokenKeys.ForLexiconWord(words[i]);
                    }

                    yield return new LexiconEntry(phrase, source.Head, severity, roles, filter, keys, languages: language, englishOnly: englishOnly, objectFirst: objectFirst);
                }
            }
        }
    }

    // A context word listed on several lines ("you" is a second person and a stopword) becomes one entry
    // with all its roles, so each token checks fewer entries.
    private static IEnumerable<LexiconEntry> MergeContextWords(IEnumerable<LexiconEntry> entries)
    {
        var merged = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Head != HeadIndex.None)
            {
                yield return entry;
                continue;
            }

            merged[entry.Text] = merged.TryGetValue(entry.Text, out var existing)
                ? new LexiconEntry(entry.Text, HeadIndex.None, 0, existing.Roles | entry.Roles, null, entry.Tokens, languages: (byte)(existing.Languages | entry.Languages), objectFirst: existing.ObjectFirst || entry.ObjectFirst)
                : entry;
        }

        foreach (var entry in merged.Values)
        {
            yield return entry;
        }
    }

    private static IEnumerable<string> ExpandSuffixes(string alternative)
    {
        var lastSpace = alternative.LastIndexOf(' ');
        var lastWord = alternative[(lastSpace + 1)..];
        var parts = lastWord.Split('/');
        var stem = alternative[..(lastSpace + 1)] + parts[0];
        yield return stem;
        for (var i = 1; i < parts.Length; i++)
        {
            yield return stem + parts[i];
        }
    }

    private static (WordRole Roles, string? Filter, bool EnglishOnly, bool ObjectFirst) ParseFlags(HeadIndex head, string flags)
    {
        var roles = WordRole.None;
        var filter = true;
        var englishOnly = false;
        var objectFirst = false;
        foreach (var flag in flags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = flag.TrimStart('#');
            if (name == "nofilter")
            {
                filter = false;
            }
            else if (name == "english-only")
            {
                englishOnly = true;
            }
            else if (name == "object-first")
            {
                objectFirst = true;
            }
            else if (FlagNames.TryGetValue(name, out var role))
            {
                roles |= role;
            }
            else
            {
                throw new FormatException($"Unknown lexicon flag '{flag}'");
            }
        }

        string? type = null;
        if ((roles & WordRole.Profanity) != 0)
        {
            type = "profanity";
        }
        else if (filter && head is not (HeadIndex.None or HeadIndex.Spam or HeadIndex.Promotions or HeadIndex.Gibberish))
        {
            type = TextHeads.All[(int)head];
        }

        return (roles, type, englishOnly, objectFirst);
    }

    private static Dictionary<string, WordRole> BuildFlagNames()
    {
        var names = new Dictionary<string, WordRole>(StringComparer.Ordinal);
        foreach (var role in Enum.GetValues<WordRole>())
        {
            if (role == WordRole.None)
            {
                continue;
            }

            var pascal = role.ToString();
            var kebab = new System.Text.StringBuilder();
            for (var i = 0; i < pascal.Length; i++)
            {
                if (char.IsUpper(pascal[i]) && i > 0)
                {
                    kebab.Append('-');
                }

                kebab.Append(char.ToLowerInvariant(pascal[i]));
            }

            names[kebab.ToString()] = role;
        }

        return names;
    }
}
