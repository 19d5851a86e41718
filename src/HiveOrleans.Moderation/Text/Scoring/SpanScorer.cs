namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Scores one span from its lexicon matches and the context rules: who an insult or a violent verb is
/// aimed at, first-person intent, a group named next to dehumanising words, whether "fuck" is an expletive
/// or a sexual verb. Spam, promotions and gibberish are added by <see cref="SpamSignals"/> and
/// <see cref="GibberishDetector"/>; child exploitation, which looks across neighbouring spans, by
/// <see cref="CrossSpanRules"/>. Each head's rules have their own class over a <see cref="SpanContext"/>;
/// this type walks the matches, hands each to its head's rules and keeps the tallies the engine reads.
/// </summary>
internal ref struct SpanScorer
{
    private readonly SpanContext _context;
    private int _selfHarmSignals;

    public SpanScorer(TextAnalysis analysis, int spanIndex, Span<int> heads, List<TextFilterHit> hits)
    {
        _context = new SpanContext(analysis, spanIndex, heads, hits);
    }

    /// <summary>Sum of the spam weights seen; <see cref="SpamSignals"/> adds the rest.</summary>
    public int SpamWeight { get; private set; }

    /// <summary>Sum of the promotion weights seen.</summary>
    public int PromotionWeight { get; private set; }

    /// <summary>True when a term of the project's blocklist matched in this span.</summary>
    public bool HasCustomHit { get; private set; }

    public void Score()
    {
        var matches = _context.Analysis.Matches;
        for (var m = _context.FirstMatch; m < _context.MatchEnd; m++)
        {
            if (!matches[m].Shadowed)
            {
                ScoreMatch(matches[m]);
            }
        }

        if ((_context.SpanRoles & WordRole.SelfAct) != 0)
        {
            _selfHarmSignals += SelfHarmRules.ScoreSelfActs(_context);
        }

        if ((_context.SpanRoles & WordRole.Group) != 0)
        {
            HateRules.ScoreGroups(_context);
        }

        if ((_context.SpanRoles & (WordRole.SexVerb | WordRole.SexAct)) != 0)
        {
            SexualRules.ScoreSexualVerbs(_context);
        }

        if ((_context.SpanRoles & WordRole.SecondPerson) != 0)
        {
            BullyingRules.ScoreShunning(_context);
        }

        if (_context.Analysis.Text.AsSpan(_context.Start, _context.End - _context.Start).ContainsAnyInRange('\u2600', '\uDFFF'))
        {
            DrugRules.ScoreEmoji(_context);
        }

        if ((_context.SpanRoles & WordRole.Menace) != 0)
        {
            ViolenceRules.ScoreMenace(_context);
        }

        SelfHarmRules.Corroborate(_context, _selfHarmSignals);
        CapReportedSpeech(_context);
    }

    // "he messaged 'I'll hurt you' so I blocked him", "calling refugees 'cockroaches' is not banter": words quoted in
    // order to report or condemn them score nothing.
    private static void CapReportedSpeech(in SpanContext context)
    {
        var text = context.Analysis.Text.AsSpan(context.Start, context.End - context.Start);
        if (!IsQuoting(text) || !HasReportingWord(context))
        {
            return;
        }

        foreach (var head in (ReadOnlySpan<HeadIndex>)[HeadIndex.Bullying, HeadIndex.Sexual, HeadIndex.Hate, HeadIndex.Violence, HeadIndex.SelfHarm])
        {
            context.Cap(head, 0);
        }
    }

    // An opening quote: a double quote, a curly one, or a straight single quote that starts a word rather than eliding in one.
    private static bool IsQuoting(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '"' or '\u201C' or '\u2018' || (text[i] == '\'' && (i == 0 || char.IsWhiteSpace(text[i - 1])) && i + 1 < text.Length && char.IsLetter(text[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasReportingWord(in SpanContext context)
    {
        for (var tokenIndex = context.FirstToken; tokenIndex < context.TokenEnd; tokenIndex++)
        {
            // Keys collapse doubled letters: "caling" is "calling".
            if (context.KeyAt(tokenIndex) is "said" or "says" or "saying" or "told" or "mesaged" or "texted" or "wrote" or "posted" or "posting"
                or "comented" or "coment" or "caling" or "caled" or "cal" or "shouting" or "screamed" or "reported" or "report" or "reporting"
                or "screenshot" or "screenshots" or "flaging" or "loged" or "blocked" or "leter" or "acount")
            {
                return true;
            }
        }

        return false;
    }

    private void ScoreMatch(in LexiconMatch match)
    {
        var entry = match.Entry;
        if (entry.IsCustom)
        {
            HasCustomHit |= CustomListRules.Score(_context, match);
            return;
        }

        // English-only words ("die": the German article; "kkk": Portuguese laughter) are not read in other languages.
        if (entry.Head == HeadIndex.None
            || entry.Has(WordRole.Menace)
            || (entry.EnglishOnly && _context.Analysis.InOtherCoveredLanguage)
            || (entry.Has(WordRole.Ambiguous) && !HasContext(match)))
        {
            return;
        }

        var severity = entry.Severity;
        switch (entry.Head)
        {
            case HeadIndex.Spam:
                SpamWeight += severity;
                return;
            case HeadIndex.Promotions:
                PromotionWeight += severity;
                return;
            case HeadIndex.Drugs when severity > 0:
                severity = DrugRules.Severity(_context, match);
                break;
            case HeadIndex.Sexual when entry.Has(WordRole.Nudity):
                severity = SexualRules.NuditySeverity(_context);
                break;
        }

        if (entry.Has(WordRole.ViolentAct))
        {
            severity = ViolenceRules.ThreatSeverity(_context, match);
        }
        else if (entry.Has(WordRole.DeathWord))
        {
            severity = ViolenceRules.DeathWishSeverity(_context, match);
        }
        else if (entry.Has(WordRole.Weapon))
        {
            severity = ViolenceRules.WeaponThreatSeverity(_context, match);
        }
        else if (entry.Has(WordRole.SelfHarmTopic))
        {
            severity = SelfHarmRules.TopicSeverity(_context, match);
        }
        else if (entry.Has(WordRole.SelfHarmMethod))
        {
            severity = SelfHarmRules.MethodSeverity(_context, match);
        }

        if (entry.Has(WordRole.Insult | WordRole.Profanity | WordRole.Aimed))
        {
            var bullying = BullyingRules.Severity(_context, match);
            _context.Raise(HeadIndex.Bullying, bullying);
            if (entry.Head == HeadIndex.Bullying)
            {
                severity = bullying;
            }
        }

        if (entry.Head == HeadIndex.SelfHarm && severity > 0)
        {
            _selfHarmSignals++;
        }

        _context.Raise(entry.Head, severity);
        var minimum = entry.Has(WordRole.ViolentAct | WordRole.DeathWord | WordRole.Weapon) ? 2 : 1;
        if (entry.FilterType is not null && (severity >= minimum || entry.Has(WordRole.Profanity)))
        {
            _context.Hit(match.First, match.Last, entry.FilterType);
        }
    }

    private readonly bool HasContext(in LexiconMatch match)
    {
        var entry = match.Entry;
        var head = entry.Head;
        var solid = _context.IsSolid(head);

        // A masked, spelled-out or leetspoken word was written that way because of its offensive sense.
        var obfuscated = head != HeadIndex.Bullying && _context.Analysis.IsObfuscated(match.First, match.Last);
        return head switch
        {
            HeadIndex.Sexual => SexualRules.HasContext(_context, match, solid, obfuscated),
            HeadIndex.Drugs => DrugRules.HasContext(_context, match, solid, obfuscated),
            HeadIndex.Hate => HateRules.HasContext(_context, match, solid, obfuscated),
            HeadIndex.ChildExploitation => ChildExploitationRules.HasContext(_context, obfuscated),
            HeadIndex.Bullying => BullyingRules.IsAimed(_context, match),
            _ => solid,
        };
    }
}
