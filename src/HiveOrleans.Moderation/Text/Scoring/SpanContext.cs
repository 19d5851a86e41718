namespace HiveOrleans.Moderation.Text;

/// <summary>
/// What every head's rules read about the span being scored: the analysis, the span's token and match ranges and
/// roles, and where the heads' scores and the filter hits go. A readonly ref struct passed by <c>in</c>, so the
/// rules, split by head into static classes, cost what the methods of one scorer did.
/// </summary>
internal readonly ref struct SpanContext
{
    /// <summary>Intent or a wish before a verb or a word ("I will", "I hope", "should") makes it meant.</summary>
    public const WordRole IntentOrWish = WordRole.Intent | WordRole.Wish;

    private readonly TextSpan _span;
    private readonly Span<int> _heads;
    private readonly List<TextFilterHit> _hits;

    // Heads with a word in the span that scores without context: an ambiguous word of the same head then counts too.
    private readonly int _solidHeads;

    public SpanContext(TextAnalysis analysis, int spanIndex, Span<int> heads, List<TextFilterHit> hits)
    {
        Analysis = analysis;
        _span = analysis.Spans[spanIndex];
        SpanRoles = analysis.SpanRoles(spanIndex);
        _heads = heads;
        _hits = hits;
        for (var m = _span.FirstMatch; m < _span.MatchEnd; m++)
        {
            var entry = analysis.Matches[m].Entry;
            if (!analysis.Matches[m].Shadowed && entry.Severity > 0 && !entry.Has(WordRole.Ambiguous | WordRole.Menace) && entry.Head != HeadIndex.None)
            {
                _solidHeads |= 1 << (int)entry.Head;
            }
        }
    }

    public TextAnalysis Analysis { get; }

    /// <summary>Every role of every token in the span.</summary>
    public WordRole SpanRoles { get; }

    /// <summary>Where the span starts in the original text.</summary>
    public int Start => _span.Start;

    /// <summary>Where the span ends in the original text.</summary>
    public int End => _span.End;

    public int FirstToken => _span.FirstToken;

    public int TokenEnd => _span.TokenEnd;

    public int FirstMatch => _span.FirstMatch;

    public int MatchEnd => _span.MatchEnd;

    /// <summary>True when a word of <paramref name="head"/> in the span scores without needing context.</summary>
    public bool IsSolid(HeadIndex head) => (_solidHeads & (1 << (int)head)) != 0;

    /// <summary>The score <paramref name="head"/> has reached in this span so far.</summary>
    public int ScoreOf(HeadIndex head) => _heads[(int)head];

    /// <summary>The key of token <paramref name="tokenIndex"/>, or nothing when it lies outside the span.</summary>
    public ReadOnlySpan<char> KeyAt(int tokenIndex) => Analysis.KeyAt(tokenIndex, _span);

    public WordRole RolesAt(int tokenIndex) => tokenIndex >= _span.FirstToken && tokenIndex < _span.TokenEnd ? Analysis.Tokens[tokenIndex].Roles : WordRole.None;

    public bool AnyIn(int from, int to, WordRole role)
    {
        from = Math.Max(from, _span.FirstToken);
        to = Math.Min(to, _span.TokenEnd - 1);
        for (var tokenIndex = from; tokenIndex <= to; tokenIndex++)
        {
            if ((Analysis.Tokens[tokenIndex].Roles & role) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public int NextNonFiller(int from, int maxSkips)
    {
        for (var tokenIndex = from; tokenIndex < _span.TokenEnd && tokenIndex <= from + maxSkips; tokenIndex++)
        {
            if ((Analysis.Tokens[tokenIndex].Roles & WordRole.Filler) == 0)
            {
                return tokenIndex;
            }
        }

        return -1;
    }

    public bool HasWord(string word)
    {
        for (var tokenIndex = _span.FirstToken; tokenIndex < _span.TokenEnd; tokenIndex++)
        {
            if (Analysis.Folded(Analysis.Tokens[tokenIndex]).SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    public void Raise(HeadIndex head, int severity)
    {
        if (head != HeadIndex.None && severity > _heads[(int)head])
        {
            _heads[(int)head] = severity;
        }
    }

    /// <summary>Lowers <paramref name="head"/> to at most <paramref name="ceiling"/> in this span.</summary>
    public void Cap(HeadIndex head, int ceiling)
    {
        if (_heads[(int)head] > ceiling)
        {
            _heads[(int)head] = ceiling;
        }
    }

    public void Hit(int first, int last, string type)
    {
        var start = Analysis.Tokens[first].OrigStart;
        var end = Analysis.Tokens[last].OrigEnd;

        // Two rules reporting the same word do so one right after the other; looking back a little is enough.
        for (var i = _hits.Count - 1; i >= 0 && i >= _hits.Count - 4; i--)
        {
            if (_hits[i].StartIndex == start && _hits[i].EndIndex == end && _hits[i].Type == type)
            {
                return;
            }
        }

        _hits.Add(new TextFilterHit(Analysis.Text[start..end], start, end, type));
    }
}
