using System.Buffers;
using System.Globalization;

namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// Turns a piece of text, its language and the lexicon's reading of it into the learned layer's features (hashed
/// indices, a feature as often as it occurs: a word said twice counts twice, in training as in scoring): folded words, word pairs, letter 3- and 4-grams inside words (so a misspelling or an
/// unseen inflection still shares most of its grams), emoji, context cues, the lexicon's hits, and each hit paired
/// with each cue (a violent word with "never", or with "he said").
/// </summary>
/// <remarks>
/// Words are folded as the lexicons fold them (lower case, diacritics and invisible characters dropped, full-width
/// and Cyrillic look-alikes made Latin), then common digit and symbol stand-ins inside words are read as letters
/// ("k1ll" as "kill") and runs of more than two equal letters cut to two. Three or more one-letter words in a row
/// ("k i l l") are also read as one word. Instances are not thread-safe; <see cref="ForThisThread"/> hands out one
/// per thread.
/// </remarks>
internal sealed class SpanFeatures
{
    private const int MaxWordLength = 40;

    // Vectorised: with invariant globalisation, string.Contains(..., OrdinalIgnoreCase) compares a character at a time,
    // and ran for every span of every text (2 % of a rerun's CPU).
    private static readonly SearchValues<string> LinkMarks = SearchValues.Create(["http", "www."], StringComparison.OrdinalIgnoreCase);

    [ThreadStatic]
    private static SpanFeatures? _perThread;

    private readonly char[] _arena = new char[4096];
    private readonly List<(int Start, int Length)> _words = new(64);
    private readonly List<int> _features = new(512);
    private readonly bool[] _cues = new bool[(int)Cue.Count];
    private int _used;

    public static SpanFeatures ForThisThread() => _perThread ??= new SpanFeatures();

    /// <summary>A list for the caller to gather a span's lexicon matches in, reused like the features.</summary>
    public List<LexiconEntry> Matches { get; } = new(16);

    /// <summary>The features of <paramref name="text"/>; the list is reused by the next call on this instance.</summary>
    /// <param name="lexicon">The lexicon's score (0–3) per head, in <see cref="TextHeads.All"/> order.</param>
    /// <param name="roles">The roles of the words the lexicons know in the text.</param>
    /// <param name="matches">The lexicon entries found in the text, before any rule judged them.</param>
    public List<int> Extract(ReadOnlySpan<char> text, string language, ReadOnlySpan<int> lexicon, WordRole roles, IEnumerable<LexiconEntry> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        _features.Clear();
        _words.Clear();
        Array.Clear(_cues);
        _used = 0;

        ReadWords(text);
        JoinSpelledOut();
        AddWordFeatures();
        AddShapeCues(text);

        for (var cue = 0; cue < _cues.Length; cue++)
        {
            if (_cues[cue])
            {
                _features.Add(FeatureHash.Of('q', cue));
            }
        }

        for (var head = 0; head < lexicon.Length; head++)
        {
            var score = lexicon[head];
            if (score <= 0)
            {
                continue;
            }

            _features.Add(FeatureHash.Of('l', head, score));
            _features.Add(FeatureHash.Of('l', head, 9));
            for (var cue = 0; cue < _cues.Length; cue++)
            {
                if (_cues[cue])
                {
                    _features.Add(FeatureHash.Of('x', (head * 16) + score, cue));
                }
            }
        }

        AddLexiconSignals(roles, matches);
        _features.Add(FeatureHash.Of('g', language));
        _features.Add(FeatureHash.Of('z', 0));
        return _features;
    }

    /// <summary>
    /// The lexicon's own reading: each role its words have, each pair of roles (the rules are mostly pairs: an insult
    /// aimed at "you", a violent act with a weapon), and each entry matched, by head and severity, by itself, and with
    /// each cue (an insult word next to "not").
    /// </summary>
    private void AddLexiconSignals(WordRole roles, IEnumerable<LexiconEntry> matches)
    {
        var bits = (ulong)roles;
        for (var first = bits; first != 0; first &= first - 1)
        {
            var a = System.Numerics.BitOperations.TrailingZeroCount(first);
            _features.Add(FeatureHash.Of('r', a));
            for (var second = first & (first - 1); second != 0; second &= second - 1)
            {
                _features.Add(FeatureHash.Of('p', a, System.Numerics.BitOperations.TrailingZeroCount(second)));
            }
        }

        foreach (var entry in matches)
        {
            var head = (int)entry.Head;
            _features.Add(FeatureHash.Of('t', entry.Text));
            _features.Add(FeatureHash.Of('m', head, entry.Severity));
            for (var cue = 0; cue < _cues.Length; cue++)
            {
                if (_cues[cue])
                {
                    _features.Add(FeatureHash.Of('n', (head * 16) + entry.Severity, cue));
                }
            }
        }
    }

    private void ReadWords(ReadOnlySpan<char> text)
    {
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i++;
                var folded = CharFolding.FoldSupplementary(codePoint);
                if (folded == CharFolding.Removed)
                {
                    continue;
                }

                if (folded != '\uFFFD')
                {
                    Append(ref start, folded);
                    continue;
                }

                EndWord(ref start);
                _features.Add(FeatureHash.Of('e', codePoint));
                continue;
            }

            var f = CharFolding.Fold(c);
            if (f == CharFolding.Removed || c == '\'' || f == '\'')
            {
                continue; // invisible characters and apostrophes join ("don't", "k\u200bill")
            }

            if (f == CharFolding.Expands)
            {
                foreach (var e in CharFolding.Expansion(c))
                {
                    Append(ref start, e);
                }

                continue;
            }

            f = Confusables.ToLatin(f);
            if (char.IsLetterOrDigit(f) || (start >= 0 && f is '@' or '$' or '!' or '*') || (f is '@' or '$' && i + 1 < text.Length && char.IsLetter(text[i + 1])))
            {
                Append(ref start, f);
            }
            else
            {
                EndWord(ref start);
                if (char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol)
                {
                    _features.Add(FeatureHash.Of('e', c));
                }
            }
        }

        EndWord(ref start);
    }

    private void Append(ref int start, char c)
    {
        if (start < 0)
        {
            start = _used;
        }

        if (_used - start < MaxWordLength && _used < _arena.Length)
        {
            _arena[_used++] = c;
        }
    }

    private void EndWord(ref int start)
    {
        if (start < 0)
        {
            return;
        }

        var word = _arena.AsSpan(start, _used - start);
        var length = Normalise(word);
        _used = start + length;
        if (length > 0)
        {
            _words.Add((start, length));
        }

        start = -1;
    }

    /// <summary>Reads stand-ins as letters in words that have a letter, trims trailing symbols, and cuts long runs; returns the new length.</summary>
    private static int Normalise(Span<char> word)
    {
        var hasLetter = false;
        foreach (var c in word)
        {
            hasLetter |= char.IsLetter(c);
        }

        var length = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var c = hasLetter ? Leet(word[i]) : word[i];
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            if (length >= 2 && word[length - 1] == c && word[length - 2] == c)
            {
                continue;
            }

            word[length++] = c;
        }

        return length;
    }

    private static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        '8' => 'b',
        _ => c,
    };

    // "k i l l", "s.e.x": three or more one-letter words in a row are also read as the word they spell.
    private void JoinSpelledOut()
    {
        var count = _words.Count;
        var run = 0;
        for (var i = 0; i <= count; i++)
        {
            if (i < count && _words[i].Length == 1 && char.IsLetter(_arena[_words[i].Start]))
            {
                run++;
                continue;
            }

            if (run >= 3 && _used + run <= _arena.Length)
            {
                var start = _used;
                for (var j = i - run; j < i; j++)
                {
                    _arena[_used++] = _arena[_words[j].Start];
                }

                _words.Add((start, run));
            }

            run = 0;
        }
    }

    private void AddWordFeatures()
    {
        Span<char> gram = stackalloc char[MaxWordLength + 2];
        for (var i = 0; i < _words.Count; i++)
        {
            var word = _arena.AsSpan(_words[i].Start, _words[i].Length);
            _features.Add(FeatureHash.Of('w', word));
            if (i > 0)
            {
                _features.Add(FeatureHash.Of('b', _arena.AsSpan(_words[i - 1].Start, _words[i - 1].Length), word));
            }

            if (ContextCues.Lookup.TryGetValue(word, out var cue))
            {
                _cues[(int)cue] = true;
            }

            if (word.Length < 3 || char.IsDigit(word[0]))
            {
                continue;
            }

            gram[0] = '<';
            word.CopyTo(gram[1..]);
            gram[word.Length + 1] = '>';
            var bounded = gram[..(word.Length + 2)];
            for (var n = 3; n <= 4; n++)
            {
                for (var at = 0; at + n <= bounded.Length; at++)
                {
                    _features.Add(FeatureHash.Of('c', bounded.Slice(at, n)));
                }
            }
        }
    }

    private void AddShapeCues(ReadOnlySpan<char> text)
    {
        int letters = 0, upper = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case '?' or '¿':
                    _cues[(int)Cue.Question] = true;
                    break;
                case '"' or '“' or '”' or '«' or '»' or '„':
                    _cues[(int)Cue.Quote] = true;
                    break;
                case '$' or '€' or '£':
                    _cues[(int)Cue.Money] = true;
                    break;
            }

            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        _cues[(int)Cue.Link] = text.ContainsAny(LinkMarks);
        _cues[(int)Cue.Shouting] = letters >= 8 && upper * 10 >= letters * 7;
    }
}
