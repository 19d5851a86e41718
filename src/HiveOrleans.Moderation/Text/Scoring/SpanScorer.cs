namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Scores one span from its lexicon matches and the context rules: who an insult or a violent verb is
/// aimed at, first-person intent, a group named next to dehumanising words, whether "fuck" is an expletive
/// or a sexual verb. Spam, promotions and gibberish are added by <see cref="SpamSignals"/> and
/// <see cref="GibberishDetector"/>; child exploitation, which looks across neighbouring spans, by
/// <see cref="CrossSpanRules"/>.
/// </summary>
internal ref struct SpanScorer
{
    private const WordRole Target = WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.PersonNoun | WordRole.Group;
    private const WordRole IntentOrWish = WordRole.Intent | WordRole.Wish;
    private const WordRole Person = WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.Me;

    private readonly TextAnalysis a;
    private readonly TextSpan span;
    private readonly Span<int> heads;
    private readonly List<TextFilterHit> hits;
    private WordRole spanRoles;
    private int solidHeads;
    private int selfHarmSignals;

    public SpanScorer(TextAnalysis analysis, int spanIndex, Span<int> heads, List<TextFilterHit> hits)
    {
        a = analysis;
        span = analysis.Spans[spanIndex];
        this.heads = heads;
        this.hits = hits;
        spanRoles = analysis.SpanRoles(spanIndex);
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

    /// <summary>True when a term of the project's blocklist matched in this span.</summary>
    public bool HasCustomHit { get; private set; }

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

        if ((spanRoles & (WordRole.SexVerb | WordRole.SexAct)) != 0)
        {
            ScoreSexualVerbs();
        }

        if ((spanRoles & WordRole.SecondPerson) != 0)
        {
            ScoreShunning();
        }

        // Two signs of self-harm in one sentence say more than either: "suicide is the only way out".
        if (heads[(int)HeadIndex.SelfHarm] > 0 && (selfHarmSignals >= 2 || (spanRoles & WordRole.Farewell) != 0))
        {
            Raise(HeadIndex.SelfHarm, Math.Min(3, heads[(int)HeadIndex.SelfHarm] + 1));
        }
    }

    private void ScoreMatch(in LexiconMatch match)
    {
        var entry = match.Entry;
        if (entry.IsCustom)
        {
            if (entry.FilterType is not null)
            {
                Hit(match.First, match.Last, entry.FilterType);
                HasCustomHit = true;
            }

            return;
        }

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
                // "drug prices" is commerce, not dealing: generic words rise with dealers and use only.
                var dealing = entry.Has(WordRole.WeakDrugTerm) ? WordRole.Trade : WordRole.Trade | WordRole.Commerce;
                severity = (spanRoles & dealing) != 0 ? 3
                    : (spanRoles & WordRole.DrugActivity) != 0 ? Math.Max(severity, 2)
                    : severity;
                break;
            case HeadIndex.Sexual when entry.Has(WordRole.Nudity):
                severity = (spanRoles & (Person | WordRole.FirstPerson | WordRole.Media | WordRole.Intent)) != 0 ? 2 : 1;
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
        else if (entry.Has(WordRole.SelfHarmMethod))
        {
            severity = SelfHarmMethodSeverity(match);
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

        if (entry.Head == HeadIndex.SelfHarm && severity > 0)
        {
            selfHarmSignals++;
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
        var entry = match.Entry;
        var head = entry.Head;
        var solid = (solidHeads & (1 << (int)head)) != 0;

        // A masked, spelled-out or leetspoken word was written that way because of its offensive sense.
        var obfuscated = head != HeadIndex.Bullying && a.IsObfuscated(match.First, match.Last);
        return head switch
        {
            HeadIndex.Sexual when entry.Has(WordRole.Flirt) => IsFlirtAimed(match),
            HeadIndex.Sexual => solid || obfuscated || (spanRoles & WordRole.SexualContext) != 0
                || (entry.Has(WordRole.Genital) && IsPossessed(match.First)),
            HeadIndex.Drugs when entry.Has(WordRole.WeakDrugTerm) => solid || obfuscated || (spanRoles & WordRole.DrugActivity) != 0,
            HeadIndex.Drugs => solid || obfuscated || (spanRoles & (WordRole.DrugActivity | WordRole.Trade)) != 0,
            HeadIndex.Hate => solid || obfuscated || IsAimed(match)
                || (spanRoles & (WordRole.HateVerb | WordRole.Dehumanizing | WordRole.Profanity | WordRole.Aimed | WordRole.NegativeTrait | WordRole.Exclusion)) != 0,
            HeadIndex.ChildExploitation => obfuscated || (solidHeads & (1 << (int)HeadIndex.Sexual)) != 0 || (spanRoles & WordRole.Trade) != 0,
            HeadIndex.Bullying => IsAimed(match),
            _ => solid,
        };
    }

    // "your dick", "my cock": a possessive before slang for genitals settles its sense.
    private readonly bool IsPossessed(int t) => a.KeyAt(t - 1, span) is "my" or "your" or "ur" or "his" or "her" or "their" or "yo";

    // "you're hot", "you look so hot": not "your coffee is hot".
    private readonly bool IsFlirtAimed(in LexiconMatch match)
    {
        for (var t = match.First - 1; t >= span.FirstToken && t >= match.First - 4; t--)
        {
            var roles = a.Tokens[t].Roles;
            if ((roles & WordRole.SecondPerson) != 0)
            {
                return (roles & WordRole.Reflexive) == 0 && a.Key(a.Tokens[t]) is not ("your" or "yours");
            }

            if ((roles & WordRole.Filler) == 0)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// "I will kill you" 3, "he killed her" 2, "kill the process" / "this joke kills me" 0; weak acts
    /// (punch, slap) one lower; "we should bomb their embassy" 2; a bare mention keeps the lexicon severity.
    /// </summary>
    private readonly int ThreatSeverity(in LexiconMatch match)
    {
        var entry = match.Entry;
        var weak = entry.Has(WordRole.Weak) && !AnyIn(match.Last + 1, match.Last + 6, WordRole.Lethal);
        if (IdiomAhead(match.Last + 1))
        {
            return 0;
        }

        // "was a massacre": a noun after an article is a mention, not an act on whatever follows.
        if (a.KeyAt(match.First - 1, span) is "a" or "an" or "the")
        {
            return entry.Severity;
        }

        var before = match.First - 5;
        var obj = NextNonFiller(match.Last + 1, maxSkips: 4);
        if (obj >= 0 && !a.SameClause(match.Last, obj))
        {
            obj = -1;
        }

        var roles = obj < 0 ? WordRole.None : a.Tokens[obj].Roles;
        if ((roles & (Target | WordRole.Me | WordRole.Myself | WordRole.BodyPart)) == 0)
        {
            var passive = PassiveSeverity(match);
            if (passive >= 0)
            {
                return passive;
            }
        }

        if (obj < 0)
        {
            return entry.Severity;
        }

        if ((roles & (WordRole.Myself | WordRole.Reflexive | WordRole.IdiomObject)) != 0)
        {
            return 0;
        }

        if ((roles & WordRole.BodyPart) != 0 && (roles & Target) == 0)
        {
            // "break his jaw" aims at him; "hit my head" is an accident.
            if (a.KeyAt(obj - 1, span) is "my" or "our")
            {
                return 0;
            }

            roles |= WordRole.ThirdPerson;
        }

        if ((roles & WordRole.Me) != 0)
        {
            // "he is going to kill me" reports a threat; "this joke kills me" and "my boss will kill me if I'm late" are figures of speech.
            if (AnyIn(obj + 1, obj + 4, WordRole.Conditional))
            {
                return 0;
            }

            return AnyIn(before, match.First - 1, IntentOrWish) && AnyIn(before, match.First - 1, Target) ? 2 : 0;
        }

        var intent = AnyIn(before, match.First - 1, IntentOrWish) || IsFirstPersonPresent(match);
        var negated = AnyIn(before, match.First - 1, WordRole.Negation);
        if ((roles & Target) == 0)
        {
            // A call to destroy something that is not a person: "we should bomb their embassy". Only verbs that
            // are violent even when mentioned (kill, bomb), not "shoot the commercial".
            return intent && !negated && entry.Severity > 0 ? Math.Max(entry.Severity, 2) : entry.Severity;
        }

        // "shoot you an email": an object followed by another object is not violence; nor is "beat you at chess" or "kill you in the game".
        var after = a.KeyAt(obj + 1, span);
        if (IsDitransitive(obj) || (weak && after is "at") || (after is "at" or "in" or "on" && IdiomAhead(obj + 2)))
        {
            return 0;
        }

        if (negated)
        {
            return 1;
        }

        if (intent)
        {
            return weak ? 2 : 3;
        }

        return weak ? 1 : 2;
    }

    // "I kill you": a first-person subject right before a verb in the present tense states intent.
    private readonly bool IsFirstPersonPresent(in LexiconMatch match)
    {
        if ((RolesAt(match.First - 1) & WordRole.FirstPerson) == 0)
        {
            return false;
        }

        var verb = a.Key(a.Tokens[match.First]);
        return !verb.EndsWith("ed", StringComparison.Ordinal) && verb is not ("shot" or "slit" or "hung");
    }

    // The verb's object, or the noun after a preposition, makes it a figure of speech: "kill some time",
    // "killed in the second half", "kill -9 the stuck pid". One word may stand before the noun ("second half").
    private readonly bool IdiomAhead(int from)
    {
        var t = from;
        while (t < span.TokenEnd && t < from + 4
            && ((a.Tokens[t].Roles & WordRole.Filler) != 0 || !a.Tokens[t].Is(TokenShape.HasLetter) || a.Key(a.Tokens[t]) is "in" or "on" or "at" or "for" or "with" or "during"))
        {
            t++;
        }

        if (t >= span.TokenEnd || (a.Tokens[t].Roles & (Target | WordRole.Me | WordRole.Myself)) != 0)
        {
            return false;
        }

        return (a.Tokens[t].Roles & WordRole.IdiomObject) != 0
            || (t + 1 < span.TokenEnd && (a.Tokens[t + 1].Roles & WordRole.IdiomObject) != 0 && a.SameClause(t, t + 1) && a.Tokens[t + 1].OrigStart - a.Tokens[t].OrigEnd == 1);
    }

    /// <summary>"you deserve to be shot" 3, "the guy got beheaded" 2; -1 when the verb is not passive.</summary>
    private readonly int PassiveSeverity(in LexiconMatch match)
    {
        var be = match.First - 1;
        if ((RolesAt(be) & WordRole.Passive) == 0)
        {
            return -1;
        }

        for (var t = be - 1; t >= span.FirstToken && t >= be - 5; t--)
        {
            var roles = a.Tokens[t].Roles;
            if ((roles & (Target | WordRole.FirstPerson)) == 0 || (roles & WordRole.Reflexive) != 0)
            {
                continue;
            }

            var wished = AnyIn(t + 1, be - 1, IntentOrWish);
            if ((roles & WordRole.Group) != 0 && wished)
            {
                Raise(HeadIndex.Hate, 3);
                Hit(match.First, match.Last, TextHeads.Hate);
            }

            return wished && (roles & WordRole.FirstPerson) == 0 ? 3 : 2;
        }

        return -1;
    }

    private readonly bool IsDitransitive(int obj)
    {
        if (obj + 1 >= span.TokenEnd)
        {
            return false;
        }

        var next = a.Key(a.Tokens[obj + 1]);
        return next is "a" or "an" or "up" or "some" or "off";
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

        // "just die", "go die", "fuck off and die", "die already": aimed at the reader.
        if ((RolesAt(d - 1) & WordRole.Imperative) != 0 || (a.KeyAt(d - 1, span) is "and" && (spanRoles & WordRole.Aimed) != 0) || IsBareCommand(match))
        {
            Raise(HeadIndex.Bullying, 3);
            return 3;
        }

        return 0;
    }

    // "Die already", "die, loser": the sentence opens with the verb and nothing makes it a statement. "Die Kinder" is German.
    private readonly bool IsBareCommand(in LexiconMatch match)
    {
        if (match.First != span.FirstToken || a.Key(a.Tokens[match.First]) is not "die")
        {
            return false;
        }

        var next = match.Last + 1;
        return next == span.TokenEnd || !a.SameClause(match.Last, next)
            || a.KeyAt(next, span) is "already" or "now" or "pls" or "please" or "plz" or "slowly" or "alone"
            || (RolesAt(next) & (WordRole.Insult | WordRole.Profanity | WordRole.SecondPerson)) != 0;
    }

    /// <summary>A weapon with intent: at the reader or a school 3 ("I'm bringing a gun to school"), at someone else 2.</summary>
    private readonly int WeaponThreatSeverity(in LexiconMatch match)
    {
        if (!AnyIn(match.First - 6, match.First - 1, IntentOrWish) || AnyIn(match.First - 6, match.First - 1, WordRole.Negation))
        {
            return match.Entry.Severity;
        }

        if (AnyIn(span.FirstToken, span.TokenEnd - 1, WordRole.SecondPerson) || HasWord("school"))
        {
            return 3;
        }

        return AnyIn(span.FirstToken, span.TokenEnd - 1, WordRole.ThirdPerson | WordRole.PersonNoun) ? 2 : match.Entry.Severity;
    }

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

        // Chat drops the subject: "thinking about ending it all" speaks of the writer when no one else is named.
        var firstPerson = AnyIn(match.First - 6, match.First - 1, WordRole.FirstPerson)
            || ((spanRoles & (WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.PersonNoun)) == 0 && (stance & (WordRole.Intent | WordRole.Feel | WordRole.Wish)) != 0);
        return firstPerson && (stance & (WordRole.Intent | WordRole.Feel | WordRole.Wish | WordRole.FirstPerson)) != 0
            ? 3
            : match.Entry.Severity;
    }

    /// <summary>A way to die: urged on the reader it is bullying 3 ("go jump off a bridge"); otherwise self-harm, 3 with intent.</summary>
    private readonly int SelfHarmMethodSeverity(in LexiconMatch match)
    {
        var aimed = (RolesAt(match.First - 1) & WordRole.Imperative) != 0
            || AnyIn(match.First, match.Last, WordRole.Reflexive)
            || (AnyIn(match.First - 5, match.First - 1, WordRole.SecondPerson) && !AnyIn(match.First - 5, match.First - 1, WordRole.Reflexive));
        if (aimed)
        {
            Raise(HeadIndex.Bullying, 3);
            Hit(match.First, match.Last, TextHeads.Bullying);
            return 0;
        }

        Hit(match.First, match.Last, TextHeads.SelfHarm);
        return AnyIn(match.First - 6, match.First - 1, IntentOrWish | WordRole.Feel) ? 3 : 2;
    }

    /// <summary>Insults and swearing aimed at the reader score 2 or more, profane insults 3; unaimed, the lexicon severity.</summary>
    private readonly int BullyingSeverity(in LexiconMatch match)
    {
        var entry = match.Entry;
        if (entry.Has(WordRole.Aimed))
        {
            if ((a.Tokens[match.First].Roles & WordRole.SexVerb) != 0 && IsSexualFuck(match.First))
            {
                return 0;
            }

            return entry.Severity > 1 || IsImperativeUse(match) ? entry.Severity : 0;
        }

        var ownSeverity = entry.Head == HeadIndex.Bullying ? entry.Severity : 0;
        if (AnyIn(match.First - 2, match.First - 1, WordRole.Negation) || IsSelfDirected(match))
        {
            return 0;
        }

        if (!IsAimed(match))
        {
            return ownSeverity;
        }

        return entry.Has(WordRole.Profanity) && entry.Has(WordRole.Insult) ? 3 : Math.Clamp(entry.Severity + 1, 2, 3);
    }

    // "shut up", "get lost", "go away" are aimed when they are commands: not "get lost in a good book" or "the pain will go away".
    private readonly bool IsImperativeUse(in LexiconMatch match)
    {
        if (AnyIn(match.First, match.Last, WordRole.SecondPerson))
        {
            return true;
        }

        if (a.KeyAt(match.Last + 1, span) is "in" or "for" or "to" or "from" or "after" or "on" or "with" or "at" or "by" or "soon")
        {
            return false;
        }

        var previous = RolesAt(match.First - 1);
        return match.First == span.FirstToken
            || (previous & (WordRole.Imperative | WordRole.SecondPerson | WordRole.Vocative | WordRole.Profanity)) != 0
            || a.KeyAt(match.First - 1, span) is "and";
    }

    // "I'm such an idiot": an insult the writer aims at themself.
    private readonly bool IsSelfDirected(in LexiconMatch match)
    {
        for (var t = match.First - 1; t >= span.FirstToken && t >= match.First - 4; t--)
        {
            var roles = a.Tokens[t].Roles;
            if ((roles & (WordRole.FirstPerson | WordRole.Myself)) != 0)
            {
                return true;
            }

            if ((roles & (WordRole.Filler | WordRole.Insult)) == 0)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>"you idiot", "you are such a stupid idiot", "ur so dumb", "fuck you", "hey fatso", "ugly bitch", "Idiot, …".</summary>
    private readonly bool IsAimed(in LexiconMatch match)
    {
        const WordRole Skippable = WordRole.Filler | WordRole.Insult | WordRole.Profanity;
        for (var t = match.First - 1; t >= span.FirstToken && t >= match.First - 5; t--)
        {
            var roles = a.Tokens[t].Roles;
            if ((roles & WordRole.SecondPerson) != 0)
            {
                if ((roles & WordRole.Reflexive) == 0)
                {
                    return true;
                }

                break;
            }

            if ((roles & WordRole.Vocative) != 0)
            {
                return true;
            }

            if ((roles & Skippable) == 0)
            {
                break;
            }
        }

        if (match.Entry.Has(WordRole.Profanity) && (RolesAt(match.Last + 1) & WordRole.SecondPerson) != 0)
        {
            return true;
        }

        // Addressed at the end of the sentence: "everyone laughs at you, loser".
        if (match.Last + 1 == span.TokenEnd && match.First > span.FirstToken && !a.SameClause(match.First - 1, match.First))
        {
            return true;
        }

        // A message or a sentence that is nothing but the insult ("ugly bitch"), or opens with it as a form of address ("fat pig, stop eating").
        if (!LeadsSpan(match.First))
        {
            return false;
        }

        var rest = match.Last + 1;
        return rest == span.TokenEnd || a.Text.AsSpan(a.Tokens[match.Last].OrigEnd, a.Tokens[rest].OrigStart - a.Tokens[match.Last].OrigEnd).IndexOfAny(',', '!') >= 0;
    }

    private readonly bool LeadsSpan(int first)
    {
        for (var t = span.FirstToken; t < first; t++)
        {
            if ((a.Tokens[t].Roles & (WordRole.Insult | WordRole.Profanity | WordRole.Filler)) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"nobody at this school likes you", "everyone here hates you": the reader shut out by everyone.</summary>
    private void ScoreShunning()
    {
        for (var t = span.FirstToken + 1; t + 1 < span.TokenEnd; t++)
        {
            if (a.Key(a.Tokens[t]) is not ("likes" or "loves" or "wants" or "cares" or "misses" or "hates" or "laughs")
                || (RolesAt(t + 1) & WordRole.SecondPerson) == 0 && !(a.KeyAt(t + 1, span) is "about" or "at" && (RolesAt(t + 2) & WordRole.SecondPerson) != 0))
            {
                continue;
            }

            for (var s = t - 1; s >= span.FirstToken && s >= t - 5; s--)
            {
                var subject = a.Key(a.Tokens[s]);
                if (subject is "nobody" or "everyone" or "everybody" || (subject is "one" && a.KeyAt(s - 1, span) is "no"))
                {
                    Raise(HeadIndex.Bullying, 2);
                    Hit(s, t + 1, TextHeads.Bullying);
                    return;
                }
            }
        }
    }

    /// <summary>"kill myself", "cut myself", "I'm going to hurt myself", "I've been cutting again".</summary>
    private void ScoreSelfActs()
    {
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            if ((a.Tokens[t].Roles & WordRole.SelfAct) == 0)
            {
                continue;
            }

            var target = NextNonFiller(t + 1, maxSkips: 1);
            var onSelf = target >= 0 && (a.Tokens[target].Roles & WordRole.Myself) != 0 && (RolesAt(target + 1) & WordRole.Mishap) == 0
                && a.KeyAt(target + 1, span) is not ("laughing" or "lol" or "lmao" or "lmfao");

            // Cutting, said of oneself, again or on one's own arms: self-injury without the word "myself". Not while chopping onions.
            var cuttingAgain = !onSelf && a.Key(a.Tokens[t]) is "cut" or "cuting" or "cuts" && AnyIn(t - 5, t - 1, WordRole.FirstPerson)
                && !AnyIn(t + 1, span.TokenEnd - 1, WordRole.Mishap)
                && (a.KeyAt(t + 1, span) is "again" || (a.KeyAt(t + 1, span) is "my" && a.KeyAt(t + 2, span) is "arms" or "arm" or "wrists" or "wrist" or "thighs" or "thigh" or "legs" or "leg" or "skin" or "stomach"));
            if (!onSelf && !cuttingAgain)
            {
                continue;
            }

            // "I'm going to kill myself" states intent; "I cut myself" may be an accident told without one.
            var severity = AnyIn(t - 5, t - 1, IntentOrWish | WordRole.Feel) ? 3 : 2;
            Raise(HeadIndex.SelfHarm, severity);
            selfHarmSignals++;
            Hit(t, onSelf ? target : t, TextHeads.SelfHarm);
        }
    }

    /// <summary>A protected group with dehumanising words or calls to remove it 3; with hate or negative traits 2; with a generalisation 1.</summary>
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
            else if ((roles & WordRole.Stereotype) != 0)
            {
                severity = 1;
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
        return obj >= 0 && (a.Tokens[obj].Roles & WordRole.Group) != 0 && !a.Key(a.Tokens[t]).EndsWith("ed", StringComparison.Ordinal);
    }

    /// <summary>"wanna fuck?", "let me fuck you", "while we fucked", "lick every inch of your body".</summary>
    private void ScoreSexualVerbs()
    {
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            var roles = a.Tokens[t].Roles;
            if (((roles & WordRole.SexVerb) != 0 && IsSexualFuck(t)) || ((roles & WordRole.SexAct) != 0 && IsSexActOnPerson(t)))
            {
                Raise(HeadIndex.Sexual, (roles & WordRole.SexVerb) != 0 ? 3 : 2);
                Hit(t, t, TextHeads.Sexual);
            }
        }
    }

    // The expletive ("fuck this", "fuck you", "I fucked up", "this is fucking great") against the verb of sex.
    private readonly bool IsSexualFuck(int t)
    {
        var key = a.Key(a.Tokens[t]);
        var next = t + 1 < span.TokenEnd ? t + 1 : -1;
        var nextKey = a.KeyAt(next, span);
        if (nextKey is "up" or "off" or "around" or "with" or "over" or "this" or "that" or "it" or "everything" or "sake" or "outta" or "yeah" or "yes" or "no" or "the" or "all" or "everyone" or "is" or "was")
        {
            return false;
        }

        var past = key.EndsWith("ed", StringComparison.Ordinal);
        var intent = AnyIn(t - 4, t - 1, IntentOrWish);
        var sexualAfter = AnyIn(t + 1, t + 4, WordRole.SexualContext);
        var subject = (RolesAt(t - 1) & (WordRole.FirstPerson | WordRole.ThirdPerson)) != 0;
        if (key.EndsWith("ing", StringComparison.Ordinal) || key.EndsWith("in", StringComparison.Ordinal))
        {
            // "we were fucking all night", not "this is fucking great".
            return a.KeyAt(t - 1, span) is "were" or "was" or "been" or "are" or "be" && (next < 0 || (RolesAt(next) & (Person | WordRole.SexualContext)) != 0);
        }

        if (next >= 0 && (RolesAt(next) & (Person | WordRole.Reflexive)) != 0)
        {
            var roles = RolesAt(next);
            if ((roles & WordRole.Reflexive) != 0 || a.KeyAt(next + 1, span) is "up" or "over")
            {
                return false;
            }

            return intent || sexualAfter || (past && subject);
        }

        return next < 0 ? intent || (past && subject) : intent && sexualAfter;
    }

    // "lick every inch of your body", "ride me", "touch yourself": a sexual act with a person as its object.
    private readonly bool IsSexActOnPerson(int t)
    {
        if (AnyIn(t - 3, t - 1, WordRole.Negation))
        {
            return false;
        }

        var touch = a.Key(a.Tokens[t]).StartsWith("touch", StringComparison.Ordinal);
        var context = !touch || (spanRoles & (WordRole.SexualContext | WordRole.Intent)) != 0;
        for (var k = t + 1; k < span.TokenEnd && k <= t + (touch ? 1 : 5); k++)
        {
            var key = a.Key(a.Tokens[k]);
            var roles = a.Tokens[k].Roles;
            if (key is "your" or "ur")
            {
                // "lick your body", not "suck your thumb".
                return context && (a.KeyAt(k + 1, span) is "body" || (RolesAt(k + 1) & (WordRole.BodyPart | WordRole.Genital)) != 0);
            }

            if ((roles & (Person | WordRole.Reflexive)) != 0)
            {
                return context && a.KeyAt(k + 1, span) is not ("in" or "into" or "dry");
            }

            if ((roles & WordRole.Filler) == 0 && key is not ("inch" or "part"))
            {
                return false;
            }
        }

        return false;
    }

    private readonly bool HasWord(string word)
    {
        for (var t = span.FirstToken; t < span.TokenEnd; t++)
        {
            if (a.Folded(a.Tokens[t]).SequenceEqual(word))
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
