using System.Buffers;

namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The working state of one <see cref="TextEngine.Moderate"/> call: the folded text with its map back to
/// original indices, the spans, the tokens with their keys and roles, and the lexicon matches.
/// One instance per thread is reused, so a call allocates almost nothing until it builds its result.
/// </summary>
internal sealed partial class TextAnalysis
{
    private const int RetainedCapacity = 1 << 16;

    [ThreadStatic]
    private static TextAnalysis? _perThread;

    private char[] _fold = new char[256];
    private int[] _foldStart = new int[256];
    private int[] _foldEnd = new int[256];
    private char[] _keys = new char[1024];
    private byte[] _runs = new byte[1024];
    private int[] _keyHashes = new int[64];
    private int _keyLength;

    private Lexicon _lexicon = Lexicon.BuiltIn;
    private Lexicon? _custom;

    // Whether most words are written in Latin letters: look-alike letters are then read as Latin.
    private bool _mostlyLatin;

    public string Text { get; private set; } = "";

    public int FoldLength { get; private set; }

    public Token[] Tokens { get; private set; } = new Token[64];

    public int TokenCount { get; private set; }

    public LexiconMatch[] Matches { get; private set; } = new LexiconMatch[32];

    public int MatchCount { get; private set; }

    public TextSpan[] Spans { get; private set; } = new TextSpan[16];

    public int SpanCount { get; private set; }

    /// <summary>The detected language (<see cref="LanguageDetector"/>), set before the spans are scored.</summary>
    public string Language { get; set; } = LanguageDetector.Unknown;

    /// <summary>True when the text is in a covered language other than English, where <c>#english-only</c> entries do not score.</summary>
    public bool InOtherCoveredLanguage => Language is not ("en" or LanguageDetector.Unknown) && TextEngine.ModeratedLanguages.Contains(Language);

    public static TextAnalysis Rent()
    {
        var analysis = _perThread ?? new TextAnalysis();
        _perThread = null;
        return analysis;
    }

    public static void Return(TextAnalysis analysis)
    {
        // A 50 KB text grows the buffers; do not keep that much per thread for ever.
        if (analysis._fold.Length <= RetainedCapacity)
        {
            analysis.Text = "";
            _perThread = analysis;
        }
    }

    public char FoldedAt(int index) => index >= 0 && index < FoldLength ? _fold[index] : ' ';

    public ReadOnlySpan<char> Folded(in Token token) => _fold.AsSpan(token.FoldStart, token.FoldEnd - token.FoldStart);

    public ReadOnlySpan<char> Key(in Token token) => _keys.AsSpan(token.KeyStart, token.KeyLength);

    public ReadOnlySpan<byte> Runs(in Token token) => _runs.AsSpan(token.KeyStart, token.KeyLength);

    /// <summary>The key of token <paramref name="tokenIndex"/>, or nothing when it lies outside <paramref name="span"/>.</summary>
    public ReadOnlySpan<char> KeyAt(int tokenIndex, scoped in TextSpan span) =>
        tokenIndex >= span.FirstToken && tokenIndex < span.TokenEnd ? Key(Tokens[tokenIndex]) : [];

    /// <summary>True when no clause punctuation (, ; : — parentheses) separates tokens <paramref name="left"/> and <paramref name="right"/>.</summary>
    public bool SameClause(int left, int right)
    {
        var between = Text.AsSpan(Tokens[left].OrigEnd, Math.Max(0, Tokens[right].OrigStart - Tokens[left].OrigEnd));
        return between.IndexOfAny(ClauseBreaks) < 0;
    }

    private static readonly SearchValues<char> ClauseBreaks = SearchValues.Create(",;:()\u2014\u2013");

    /// <summary>Every role of every token in span <paramref name="spanIndex"/>.</summary>
    public WordRole SpanRoles(int spanIndex) => Spans[spanIndex].Roles;

    /// <summary>True when a written form of tokens [first, last] hides the word: leetspeak, masks, separators, stretching, look-alikes.</summary>
    public bool IsObfuscated(int first, int last)
    {
        for (var tokenIndex = first; tokenIndex <= last; tokenIndex++)
        {
            if (Tokens[tokenIndex].Is(TokenShape.Obfuscated))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Runs the stages, each in its own file, over this instance's buffers: folding, span splitting, tokenising,
    /// joining spelled-out words (which keys the tokens it joins), key look-up for the other tokens and in the
    /// project's own lists, and phrase matching, which needs every key.
    /// </summary>
    public void Load(string text, Lexicon lexicon, Lexicon? custom)
    {
        _lexicon = lexicon;
        _custom = custom;
        Text = text;
        Language = LanguageDetector.Unknown;
        _keyLength = 0;
        FoldText(text);
        SplitSpans(text);
        Tokenize();
        JoinSpelledOutWords();
        for (var tokenIndex = 0; tokenIndex < TokenCount; tokenIndex++)
        {
            if (!Tokens[tokenIndex].Is(TokenShape.Merged))
            {
                KeyAndLookUp(ref Tokens[tokenIndex]);
            }

            if (_custom is not null)
            {
                Tokens[tokenIndex].Custom = _custom.Find(Key(Tokens[tokenIndex]));
            }
        }

        FindMatches();
    }
}
