namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Scores one span from its lexicon matches and the context rules: who an insult or a violent verb is
/// aimed at, first-person intent, a group named next to dehumanising words, minors next to sexual words.
/// Spam, promotions and gibberish are added by <see cref="SpamSignals"/> and <see cref="GibberishDetector"/>.
/// </summary>
internal ref struct SpanScorer
{
    private const WordRole Target = WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.PersonNoun | WordRole.Group;
    private const WordRole IntentOrWish = WordRole.Intent | WordRole.Wish;

    private readonly TextAnalysis a;
    private readonly TextSpan span;
    private readonly Span<int> heads;
    private readonly List<TextFilterHit> hits;
    private WordRole spanRoles;
    private int solidHeads;

    public SpanScorer(TextAnalysis analysis, int spanIndex, Span<int> heads, List<TextFilterHit> hits)
    {
        a = analysis;
        span = analysis.Spans[spanIndex];
        this.heads = heads;
        this.hits = hits;
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            spanRoles |= a.Tokens[t].Roles;
        }

        for (var m = span.FirstMatch; m < span.MatchEnd; m++)
        {
            var entry = a.Matches[m].Entry;
            if (!a.Matches[m].Shadowed && entry.Severity > 0 && !entry.Has(WordRole.Ambiguous) && entry.Head != HeadIndex.None)
            {
                solidHeads |= 1 << (int)entry.Head;
            }
        }
    }

    /// <summary>Sum of the spam weights seen; <see cref="SpamSignals"/> adds the rest.</summary>
    public int SpamWeight { get; private set; }

    /// <summary>Sum of the promotion weights seen.</summary>
    public int PromotionWeight { get; private set; }

    public void Score()
    {
        for (var m = span.FirstMatch; m < span.MatchEnd; m++)
        {
            if (!a.Matches[m].Shadowed)
            {
                ScoreMatch(a.Matches[m]);
            }
        }

        if ((spanRoles & WordRole.SelfAct) != 0)
        {
            ScoreSelfActs();
        }

        if ((spanRoles & WordRole.Group) != 0)
        {
            ScoreGroups();
        }

        if (heads[(int)HeadIndex.Sexual] > 0 && ((spanRoles & WordRole.Minor) != 0 || HasMinorAge()))
        {
            Raise(HeadIndex.ChildExploitation, 3);
        }
    }

    private void ScoreMatch(in LexiconMatch match)
    {
        var entry = match.Entry;
        if (entry.Head == HeadIndex.None || (entry.Has(WordRole.Ambiguous) && !HasContext(match)))
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
                severity = (spanRoles & (WordRole.Trade | WordRole.Commerce)) != 0 ? 3
                    : (spanRoles & WordRole.DrugActivity) != 0 ? Math.Max(severity, 2)
                    : severity;
                break;
        }

        if (entry.Has(WordRole.ViolentAct))
        {
            severity = ThreatSeverity(match);
        }
        else if (entry.Has(WordRole.DeathWord))
        {
            severity = DeathWishSeverity(match);
        }
        else if (entry.Has(WordRole.Weapon))
        {
            severity = WeaponThreatSeverity(match);
        }
        else if (entry.Has(WordRole.SelfHarmTopic))
        {
            severity = SelfHarmTopicSeverity(match);
        }

        if (entry.Has(WordRole.Insult | WordRole.Profanity | WordRole.Aimed))
        {
            var bullying = BullyingSeverity(match);
            Raise(HeadIndex.Bullying, bullying);
            if (entry.Head == HeadIndex.Bullying)
            {
                severity = bullying;
            }
        }

        Raise(entry.Head, severity);
        var minimum = entry.Has(WordRole.ViolentAct | WordRole.DeathWord | WordRole.Weapon) ? 2 : 1;
        if (entry.FilterType is not null && (severity >= minimum || entry.Has(WordRole.Profanity)))
        {
            Hit(match.First, match.Last, entry.FilterType);
        }
    }

    private readonly bool HasContext(in LexiconMatch match)
    {
        var head = match.Entry.Head;
        var solid = (solidHeads & (1 << (int)head)) != 0;
        return head switch
        {
            HeadIndex.Sexual => solid || (spanRoles & WordRole.SexualContext) != 0,
            HeadIndex.Drugs => solid || (spanRoles & (WordRole.DrugActivity | WordRole.Trade)) != 0,
            HeadIndex.Hate => solid || IsAimed(match)
                || (spanRoles & (WordRole.HateVerb | WordRole.Dehumanizing | WordRole.Profanity | WordRole.Aimed)) != 0,
            HeadIndex.ChildExploitation => (solidHeads & (1 << (int)HeadIndex.Sexual)) != 0 || (spanRoles & WordRole.Trade) != 0,
            HeadIndex.Bullying => IsAimed(match),
            _ => solid,
        };
    }

    /// <summary>
    /// "I will kill you" 3, "he killed her" 2, "kill the process" / "this joke kills me" 0; weak acts
    /// (punch, slap) one lower; a bare mention keeps the lexicon severity.
    /// </summary>
    private readonly int ThreatSeverity(in LexiconMatch match)
    {
        var entry = match.Entry;
        var weak = entry.Has(WordRole.Weak);
        var obj = NextNonFiller(match.Last + 1, maxSkips: 3);
        if (obj < 0)
        {
            return entry.Severity;
        }

        var roles = a.Tokens[obj].Roles;
        if ((roles & (WordRole.Myself | WordRole.Reflexive | WordRole.IdiomObject)) != 0)
        {
            return 0;
        }

        var before = match.First - 5;
        if ((roles & WordRole.Me) != 0)
        {
            // "he is going to kill me" reports a threat; "this joke kills me" is an idiom.
            return AnyIn(before, match.First - 1, IntentOrWish) && AnyIn(before, match.First - 1, Target) ? 2 : 0;
        }

        if ((roles & Target) == 0)
        {
            return entry.Severity;
        }

        // "shoot you an email": an object followed by another object is not violence; nor is "beat you at chess".
        if (IsDitransitive(obj) || (weak && obj + 1 < span.TokenEnd && a.Key(a.Tokens[obj + 1]) is "at"))
        {
            return 0;
        }

        if (AnyIn(before, match.First - 1, WordRole.Negation))
        {
            return 1;
        }

        if (AnyIn(before, match.First - 1, IntentOrWish))
        {
            return weak ? 2 : 3;
        }

        return weak ? 1 : 2;
    }

    private readonly bool IsDitransitive(int obj)
    {
        if (obj + 1 >= span.TokenEnd)
        {
            return false;
        }

        var next = a.Key(a.Tokens[obj + 1]);
        return next is "a" or "an" or "up" or "some";
    }

    /// <summary>"you should die" / "I hope you die" 3; "I want to die" is self-harm; "plants die" nothing.</summary>
    private readonly int DeathWishSeverity(in LexiconMatch match)
    {
        var d = match.First;
        if ((RolesAt(d + 1) & WordRole.DeathIdiom) != 0)
        {
            return 0;
        }

        var from = d - 5;
        var to = d - 1;
        var wished = AnyIn(from, to, IntentOrWish);
        if (AnyIn(from, to, WordRole.SecondPerson) && !AnyIn(from, to, WordRole.Reflexive))
        {
            if (!wished && (RolesAt(d - 1) & WordRole.Imperative) == 0)
            {
                return 0;
            }

            Raise(HeadIndex.Bullying, 3);
            return 3;
        }

        if (wished && AnyIn(from, to, WordRole.Group))
        {
            Raise(HeadIndex.Hate, 3);
            Hit(match.First, match.Last, TextHeads.Hate);
            return 3;
        }

        if (wished && AnyIn(from, to, WordRole.ThirdPerson | WordRole.PersonNoun))
        {
            return 2;
        }

        if (AnyIn(from, to, WordRole.FirstPerson))
        {
            // Intent, not mood: "I want to die" is self-harm, "I'm so tired I could die" is not.
            if (wished)
            {
                Raise(HeadIndex.SelfHarm, 3);
                Hit(match.First, match.Last, TextHeads.SelfHarm);
            }

            return 0;
        }

        // "just die", "go die": aimed at the reader.
        if ((RolesAt(d - 1) & WordRole.Imperative) != 0)
        {
            Raise(HeadIndex.Bullying, 3);
            return 3;
        }

        return 0;
    }

    /// <summary>A weapon with intent and someone to use it on: "I'm bringing a gun for you".</summary>
    private readonly int WeaponThreatSeverity(in LexiconMatch match) =>
        AnyIn(match.First - 6, match.First - 1, IntentOrWish)
        && AnyIn(span.FirstToken, span.TokenEnd - 1, WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.PersonNoun)
        && !AnyIn(match.First - 6, match.First - 1, WordRole.Negation)
            ? 2
            : match.Entry.Severity;

    /// <summary>"suicide" alone 1; "I'm suicidal", "I want to commit suicide" 3.</summary>
    private readonly int SelfHarmTopicSeverity(in LexiconMatch match)
    {
        var t = match.First - 1;
        var steps = 0;
        while (t >= span.FirstToken && steps < 5 && (a.Tokens[t].Roles & (WordRole.SelfHarmBridge | WordRole.Filler)) != 0
            && (a.Tokens[t].Roles & (WordRole.Intent | WordRole.Feel | WordRole.Wish | WordRole.FirstPerson)) == 0)
        {
            t--;
            steps++;
        }

        var stance = RolesAt(t);
        var firstPerson = AnyIn(match.First - 6, match.First - 1, WordRole.FirstPerson);
        return firstPerson && (stance & (WordRole.Intent | WordRole.Feel | WordRole.Wish | WordRole.FirstPerson)) != 0
            ? 3
            : match.Entry.Severity;
    }

    /// <summary>Insults and swearing aimed at the reader score 2 or more; unaimed, the lexicon severity.</summary>
    private readonly int BullyingSeverity(in LexiconMatch match)
    {
        var entry = match.Entry;
        if (entry.Has(WordRole.Aimed))
        {
            return entry.Severity;
        }

        var ownSeverity = entry.Head == HeadIndex.Bullying ? entry.Severity : 0;
        if (AnyIn(match.First - 2, match.First - 1, WordRole.Negation))
        {
            return 0;
        }

        return IsAimed(match) ? Math.Clamp(entry.Severity + 1, 2, 3) : ownSeverity;
    }

    /// <summary>"you idiot", "you are such a stupid idiot", "ur so dumb", "fuck you".</summary>
    private readonly bool IsAimed(in LexiconMatch match)
    {
        const WordRole Skippable = WordRole.Filler | WordRole.Insult | WordRole.Profanity;
        for (var t = match.First - 1; t >= span.FirstToken && t >= match.First - 5; t--)
        {
            var roles = a.Tokens[t].Roles;
            if ((roles & WordRole.SecondPerson) != 0)
            {
                return (roles & WordRole.Reflexive) == 0;
            }

            if ((roles & Skippable) == 0)
            {
                break;
            }
        }

        return match.Entry.Has(WordRole.Profanity) && (RolesAt(match.Last + 1) & WordRole.SecondPerson) != 0;
    }

    /// <summary>"kill myself", "cut myself", "I'm going to hurt myself".</summary>
    private readonly void ScoreSelfActs()
    {
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            if ((a.Tokens[t].Roles & WordRole.SelfAct) == 0)
            {
                continue;
            }

            var target = NextNonFiller(t + 1, maxSkips: 1);
            if (target < 0 || (a.Tokens[target].Roles & WordRole.Myself) == 0 || (RolesAt(target + 1) & (WordRole.DeathIdiom | WordRole.Mishap)) != 0)
            {
                continue;
            }

            // "I'm going to kill myself" states intent; "I cut myself" may be an accident told without one.
            var severity = AnyIn(t - 5, t - 1, IntentOrWish | WordRole.Feel) ? 3 : 2;
            Raise(HeadIndex.SelfHarm, severity);
            Hit(t, target, TextHeads.SelfHarm);
        }
    }

    /// <summary>A protected group with dehumanising words or calls to remove it 3; with hate or negative traits 2.</summary>
    private readonly void ScoreGroups()
    {
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            var roles = a.Tokens[t].Roles;
            var severity = 0;
            if ((roles & (WordRole.Dehumanizing | WordRole.Exclusion)) != 0)
            {
                severity = 3;
            }
            else if ((roles & (WordRole.HateVerb | WordRole.NegativeTrait)) != 0)
            {
                severity = 2;
            }
            else if ((roles & WordRole.ViolentAct) != 0 && IsActOnGroup(t))
            {
                Raise(HeadIndex.Violence, 3);
                severity = 3;
            }

            if (severity == 0 || AnyIn(t - 2, t - 1, WordRole.Negation) || (roles & WordRole.Group) != 0)
            {
                continue;
            }

            Raise(HeadIndex.Hate, severity);
            Hit(t, t, TextHeads.Hate);
        }
    }

    // "kill all the jews", but not "jews were killed": the group must be the object and the verb not past.
    private readonly bool IsActOnGroup(int t)
    {
        var obj = NextNonFiller(t + 1, maxSkips: 3);
        return obj >= 0 && (a.Tokens[obj].Roles & WordRole.Group) != 0 && !a.Key(a.Tokens[t]).EndsWith("ed");
    }

    /// <summary>"12yo", "14 year old": a number under 18 with an age unit.</summary>
    private readonly bool HasMinorAge()
    {
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            var folded = a.Folded(a.Tokens[t]);
            var digits = 0;
            var age = 0;
            while (digits < folded.Length && digits < 3 && char.IsAsciiDigit(folded[digits]))
            {
                age = (age * 10) + (folded[digits] - '0');
                digits++;
            }

            if (digits == 0 || age is < 1 or > 17)
            {
                continue;
            }

            var unit = folded[digits..];
            if (unit is "yo" or "y" or "yr" or "yrs" or "yearold" || (unit.IsEmpty && (RolesAt(t + 1) & WordRole.AgeUnit) != 0))
            {
                return true;
            }
        }

        return false;
    }

    private readonly int NextNonFiller(int from, int maxSkips)
    {
        for (var t = from; t < span.TokenEnd && t <= from + maxSkips; t++)
        {
            if ((a.Tokens[t].Roles & WordRole.Filler) == 0)
            {
                return t;
            }
        }

        return -1;
    }

    private readonly WordRole RolesAt(int t) => t >= span.FirstToken && t < span.TokenEnd ? a.Tokens[t].Roles : WordRole.None;

    private readonly bool AnyIn(int from, int to, WordRole role)
    {
        from = Math.Max(from, span.FirstToken);
        to = Math.Min(to, span.TokenEnd - 1);
        for (var t = from; t <= to; t++)
        {
            if ((a.Tokens[t].Roles & role) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private readonly void Raise(HeadIndex head, int severity)
    {
        if (head != HeadIndex.None && severity > heads[(int)head])
        {
            heads[(int)head] = severity;
        }
    }

    private readonly void Hit(int first, int last, string type)
    {
        var start = a.Tokens[first].OrigStart;
        var end = a.Tokens[last].OrigEnd;

        // Two rules reporting the same word do so one right after the other; looking back a little is enough.
        for (var i = hits.Count - 1; i >= 0 && i >= hits.Count - 4; i--)
        {
            if (hits[i].StartIndex == start && hits[i].EndIndex == end && hits[i].Type == type)
            {
                return;
            }
        }

        hits.Add(new TextFilterHit(a.Text[start..end], start, end, type));
    }
}
