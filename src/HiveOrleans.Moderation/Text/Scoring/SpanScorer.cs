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

    private readonly SpanContext context;
    private int selfHarmSignals;

    public SpanScorer(TextAnalysis analysis, int spanIndex, Span<int> heads, List<TextFilterHit> hits)
    {
        context = new SpanContext(analysis, spanIndex, heads, hits);
    }

    /// <summary>Sum of the spam weights seen; <see cref="SpamSignals"/> adds the rest.</summary>
    public int SpamWeight { get; private set; }

    /// <summary>Sum of the promotion weights seen.</summary>
    public int PromotionWeight { get; private set; }

    /// <summary>True when a term of the project's blocklist matched in this span.</summary>
    public bool HasCustomHit { get; private set; }

    public void Score()
    {
        var matches = context.Analysis.Matches;
        for (var m = context.FirstMatch; m < context.MatchEnd; m++)
        {
            if (!matches[m].Shadowed)
            {
                ScoreMatch(matches[m]);
            }
        }

        if ((context.SpanRoles & WordRole.SelfAct) != 0)
        {
            selfHarmSignals += ScoreSelfActs();
        }

        if ((context.SpanRoles & WordRole.Group) != 0)
        {
            HateRules.ScoreGroups(context);
        }

        if ((context.SpanRoles & (WordRole.SexVerb | WordRole.SexAct)) != 0)
        {
            SexualRules.ScoreSexualVerbs(context);
        }

        if ((context.SpanRoles & WordRole.SecondPerson) != 0)
        {
            BullyingRules.ScoreShunning(context);
        }

        CorroborateSelfHarm(selfHarmSignals);
    }

    private void ScoreMatch(in LexiconMatch match)
    {
        var entry = match.Entry;
        if (entry.IsCustom)
        {
            HasCustomHit |= ScoreCustomListMatch(match);
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
                severity = DrugSeverity(entry);
                break;
            case HeadIndex.Sexual when entry.Has(WordRole.Nudity):
                severity = SexualRules.NuditySeverity(context);
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
            var bullying = BullyingRules.Severity(context, match);
            context.Raise(HeadIndex.Bullying, bullying);
            if (entry.Head == HeadIndex.Bullying)
            {
                severity = bullying;
            }
        }

        if (entry.Head == HeadIndex.SelfHarm && severity > 0)
        {
            selfHarmSignals++;
        }

        context.Raise(entry.Head, severity);
        var minimum = entry.Has(WordRole.ViolentAct | WordRole.DeathWord | WordRole.Weapon) ? 2 : 1;
        if (entry.FilterType is not null && (severity >= minimum || entry.Has(WordRole.Profanity)))
        {
            context.Hit(match.First, match.Last, entry.FilterType);
        }
    }

    private readonly bool HasContext(in LexiconMatch match)
    {
        var entry = match.Entry;
        var head = entry.Head;
        var solid = context.IsSolid(head);

        // A masked, spelled-out or leetspoken word was written that way because of its offensive sense.
        var obfuscated = head != HeadIndex.Bullying && context.Analysis.IsObfuscated(match.First, match.Last);
        return head switch
        {
            HeadIndex.Sexual => SexualRules.HasContext(context, match, solid, obfuscated),
            HeadIndex.Drugs => HasDrugContext(match, solid, obfuscated),
            HeadIndex.Hate => HateRules.HasContext(context, match, solid, obfuscated),
            HeadIndex.ChildExploitation => HasChildExploitationContext(obfuscated),
            HeadIndex.Bullying => BullyingRules.IsAimed(context, match),
            _ => solid,
        };
    }

    /// <summary>
    /// "I will kill you" 3, "he killed her" 2, "kill the process" / "this joke kills me" 0; weak acts
    /// (punch, slap) one lower; "we should bomb their embassy" 2; a bare mention keeps the lexicon severity.
    /// </summary>
    private readonly int ThreatSeverity(in LexiconMatch match)
    {
        var analysis = context.Analysis;
        var entry = match.Entry;
        var weak = entry.Has(WordRole.Weak) && !context.AnyIn(match.Last + 1, match.Last + 6, WordRole.Lethal);
        if (IdiomAhead(match.Last + 1))
        {
            return 0;
        }

        // "was a massacre": a noun after an article is a mention, not an act on whatever follows.
        if (context.KeyAt(match.First - 1) is "a" or "an" or "the")
        {
            return entry.Severity;
        }

        var before = match.First - 5;
        var obj = context.NextNonFiller(match.Last + 1, maxSkips: 4);
        if (obj >= 0 && !analysis.SameClause(match.Last, obj))
        {
            obj = -1;
        }

        var roles = obj < 0 ? WordRole.None : analysis.Tokens[obj].Roles;
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
            if (context.KeyAt(obj - 1) is "my" or "our")
            {
                return 0;
            }

            roles |= WordRole.ThirdPerson;
        }

        if ((roles & WordRole.Me) != 0)
        {
            // "he is going to kill me" reports a threat; "this joke kills me" and "my boss will kill me if I'm late" are figures of speech.
            if (context.AnyIn(obj + 1, obj + 4, WordRole.Conditional))
            {
                return 0;
            }

            return context.AnyIn(before, match.First - 1, SpanContext.IntentOrWish) && context.AnyIn(before, match.First - 1, Target) ? 2 : 0;
        }

        var intent = context.AnyIn(before, match.First - 1, SpanContext.IntentOrWish) || IsFirstPersonPresent(match);
        var negated = context.AnyIn(before, match.First - 1, WordRole.Negation);
        if ((roles & Target) == 0)
        {
            // A call to destroy something that is not a person: "we should bomb their embassy". Only verbs that
            // are violent even when mentioned (kill, bomb), not "shoot the commercial".
            return intent && !negated && entry.Severity > 0 ? Math.Max(entry.Severity, 2) : entry.Severity;
        }

        // "shoot you an email": an object followed by another object is not violence; nor is "beat you at chess" or "kill you in the game".
        var after = context.KeyAt(obj + 1);
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

    /// <summary>"you should die" / "I hope you die" 3; "I want to die" is self-harm; "plants die" nothing.</summary>
    private readonly int DeathWishSeverity(in LexiconMatch match)
    {
        var deathWord = match.First;
        if ((context.RolesAt(deathWord + 1) & WordRole.DeathIdiom) != 0)
        {
            return 0;
        }

        var from = deathWord - 5;
        var to = deathWord - 1;
        var wished = context.AnyIn(from, to, SpanContext.IntentOrWish);
        if (context.AnyIn(from, to, WordRole.SecondPerson) && !context.AnyIn(from, to, WordRole.Reflexive))
        {
            if (!wished && (context.RolesAt(deathWord - 1) & WordRole.Imperative) == 0)
            {
                return 0;
            }

            context.Raise(HeadIndex.Bullying, 3);
            return 3;
        }

        if (wished && context.AnyIn(from, to, WordRole.Group))
        {
            context.Raise(HeadIndex.Hate, 3);
            context.Hit(match.First, match.Last, TextHeads.Hate);
            return 3;
        }

        if (wished && context.AnyIn(from, to, WordRole.ThirdPerson | WordRole.PersonNoun))
        {
            return 2;
        }

        if (context.AnyIn(from, to, WordRole.FirstPerson))
        {
            // Intent, not mood: "I want to die" is self-harm, "I'm so tired I could die" is not.
            if (wished)
            {
                context.Raise(HeadIndex.SelfHarm, 3);
                context.Hit(match.First, match.Last, TextHeads.SelfHarm);
            }

            return 0;
        }

        // "just die", "go die", "fuck off and die", "die already": aimed at the reader.
        if ((context.RolesAt(deathWord - 1) & WordRole.Imperative) != 0 || (context.KeyAt(deathWord - 1) is "and" && (context.SpanRoles & WordRole.Aimed) != 0) || IsBareCommand(match))
        {
            context.Raise(HeadIndex.Bullying, 3);
            return 3;
        }

        return 0;
    }

    /// <summary>A weapon with intent: at the reader or a school 3 ("I'm bringing a gun to school"), at someone else 2.</summary>
    private readonly int WeaponThreatSeverity(in LexiconMatch match)
    {
        if (!context.AnyIn(match.First - 6, match.First - 1, SpanContext.IntentOrWish) || context.AnyIn(match.First - 6, match.First - 1, WordRole.Negation))
        {
            return match.Entry.Severity;
        }

        if (context.AnyIn(context.FirstToken, context.TokenEnd - 1, WordRole.SecondPerson) || context.HasWord("school"))
        {
            return 3;
        }

        return context.AnyIn(context.FirstToken, context.TokenEnd - 1, WordRole.ThirdPerson | WordRole.PersonNoun) ? 2 : match.Entry.Severity;
    }

    // "I kill you": a first-person subject right before a verb in the present tense states intent.
    private readonly bool IsFirstPersonPresent(in LexiconMatch match)
    {
        if ((context.RolesAt(match.First - 1) & WordRole.FirstPerson) == 0)
        {
            return false;
        }

        var verb = context.Analysis.Key(context.Analysis.Tokens[match.First]);
        return !verb.EndsWith("ed", StringComparison.Ordinal) && verb is not ("shot" or "slit" or "hung");
    }

    // The verb's object, or the noun after a preposition, makes it a figure of speech: "kill some time",
    // "killed in the second half", "kill -9 the stuck pid". One word may stand before the noun ("second half").
    private readonly bool IdiomAhead(int from)
    {
        var analysis = context.Analysis;
        var noun = from;
        while (noun < context.TokenEnd && noun < from + 4
            && ((analysis.Tokens[noun].Roles & WordRole.Filler) != 0 || !analysis.Tokens[noun].Is(TokenShape.HasLetter) || analysis.Key(analysis.Tokens[noun]) is "in" or "on" or "at" or "for" or "with" or "during"))
        {
            noun++;
        }

        if (noun >= context.TokenEnd || (analysis.Tokens[noun].Roles & (Target | WordRole.Me | WordRole.Myself)) != 0)
        {
            return false;
        }

        return (analysis.Tokens[noun].Roles & WordRole.IdiomObject) != 0
            || (noun + 1 < context.TokenEnd && (analysis.Tokens[noun + 1].Roles & WordRole.IdiomObject) != 0 && analysis.SameClause(noun, noun + 1) && analysis.Tokens[noun + 1].OrigStart - analysis.Tokens[noun].OrigEnd == 1);
    }

    /// <summary>"you deserve to be shot" 3, "the guy got beheaded" 2; -1 when the verb is not passive.</summary>
    private readonly int PassiveSeverity(in LexiconMatch match)
    {
        var be = match.First - 1;
        if ((context.RolesAt(be) & WordRole.Passive) == 0)
        {
            return -1;
        }

        for (var subject = be - 1; subject >= context.FirstToken && subject >= be - 5; subject--)
        {
            var roles = context.Analysis.Tokens[subject].Roles;
            if ((roles & (Target | WordRole.FirstPerson)) == 0 || (roles & WordRole.Reflexive) != 0)
            {
                continue;
            }

            var wished = context.AnyIn(subject + 1, be - 1, SpanContext.IntentOrWish);
            if ((roles & WordRole.Group) != 0 && wished)
            {
                context.Raise(HeadIndex.Hate, 3);
                context.Hit(match.First, match.Last, TextHeads.Hate);
            }

            return wished && (roles & WordRole.FirstPerson) == 0 ? 3 : 2;
        }

        return -1;
    }

    private readonly bool IsDitransitive(int obj)
    {
        if (obj + 1 >= context.TokenEnd)
        {
            return false;
        }

        var next = context.Analysis.Key(context.Analysis.Tokens[obj + 1]);
        return next is "a" or "an" or "up" or "some" or "off";
    }

    // "Die already", "die, loser": the sentence opens with the verb and nothing makes it a statement. "Die Kinder" is German.
    private readonly bool IsBareCommand(in LexiconMatch match)
    {
        var analysis = context.Analysis;
        if (match.First != context.FirstToken || analysis.Key(analysis.Tokens[match.First]) is not "die")
        {
            return false;
        }

        var next = match.Last + 1;
        return next == context.TokenEnd || !analysis.SameClause(match.Last, next)
            || context.KeyAt(next) is "already" or "now" or "pls" or "please" or "plz" or "slowly" or "alone"
            || (context.RolesAt(next) & (WordRole.Insult | WordRole.Profanity | WordRole.SecondPerson)) != 0;
    }

    /// <summary>"suicide" alone 1; "I'm suicidal", "I want to commit suicide" 3.</summary>
    private readonly int SelfHarmTopicSeverity(in LexiconMatch match)
    {
        var analysis = context.Analysis;
        var stanceWord = match.First - 1;
        var steps = 0;
        while (stanceWord >= context.FirstToken && steps < 5 && (analysis.Tokens[stanceWord].Roles & (WordRole.SelfHarmBridge | WordRole.Filler)) != 0
            && (analysis.Tokens[stanceWord].Roles & (WordRole.Intent | WordRole.Feel | WordRole.Wish | WordRole.FirstPerson)) == 0)
        {
            stanceWord--;
            steps++;
        }

        var stance = context.RolesAt(stanceWord);

        // Chat drops the subject: "thinking about ending it all" speaks of the writer when no one else is named.
        var firstPerson = context.AnyIn(match.First - 6, match.First - 1, WordRole.FirstPerson)
            || ((context.SpanRoles & (WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.PersonNoun)) == 0 && (stance & (WordRole.Intent | WordRole.Feel | WordRole.Wish)) != 0);
        return firstPerson && (stance & (WordRole.Intent | WordRole.Feel | WordRole.Wish | WordRole.FirstPerson)) != 0
            ? 3
            : match.Entry.Severity;
    }

    /// <summary>A way to die: urged on the reader it is bullying 3 ("go jump off a bridge"); otherwise self-harm, 3 with intent.</summary>
    private readonly int SelfHarmMethodSeverity(in LexiconMatch match)
    {
        var aimed = (context.RolesAt(match.First - 1) & WordRole.Imperative) != 0
            || context.AnyIn(match.First, match.Last, WordRole.Reflexive)
            || (context.AnyIn(match.First - 5, match.First - 1, WordRole.SecondPerson) && !context.AnyIn(match.First - 5, match.First - 1, WordRole.Reflexive));
        if (aimed)
        {
            context.Raise(HeadIndex.Bullying, 3);
            context.Hit(match.First, match.Last, TextHeads.Bullying);
            return 0;
        }

        context.Hit(match.First, match.Last, TextHeads.SelfHarm);
        return context.AnyIn(match.First - 6, match.First - 1, SpanContext.IntentOrWish | WordRole.Feel) ? 3 : 2;
    }

    /// <summary>
    /// "kill myself", "cut myself", "I'm going to hurt myself", "I've been cutting again". Returns how many such
    /// acts it found: each is a sign for <see cref="Corroborate"/>.
    /// </summary>
    private readonly int ScoreSelfActs()
    {
        var analysis = context.Analysis;
        var signals = 0;
        for (var act = context.FirstToken; act < context.TokenEnd; act++)
        {
            if ((analysis.Tokens[act].Roles & WordRole.SelfAct) == 0)
            {
                continue;
            }

            var target = context.NextNonFiller(act + 1, maxSkips: 1);
            var onSelf = target >= 0 && (analysis.Tokens[target].Roles & WordRole.Myself) != 0 && (context.RolesAt(target + 1) & WordRole.Mishap) == 0
                && context.KeyAt(target + 1) is not ("laughing" or "lol" or "lmao" or "lmfao");

            // Cutting, said of oneself, again or on one's own arms: self-injury without the word "myself". Not while chopping onions.
            var cuttingAgain = !onSelf && analysis.Key(analysis.Tokens[act]) is "cut" or "cuting" or "cuts" && context.AnyIn(act - 5, act - 1, WordRole.FirstPerson)
                && !context.AnyIn(act + 1, context.TokenEnd - 1, WordRole.Mishap)
                && (context.KeyAt(act + 1) is "again" || (context.KeyAt(act + 1) is "my" && context.KeyAt(act + 2) is "arms" or "arm" or "wrists" or "wrist" or "thighs" or "thigh" or "legs" or "leg" or "skin" or "stomach"));
            if (!onSelf && !cuttingAgain)
            {
                continue;
            }

            // "I'm going to kill myself" states intent; "I cut myself" may be an accident told without one.
            var severity = context.AnyIn(act - 5, act - 1, SpanContext.IntentOrWish | WordRole.Feel) ? 3 : 2;
            context.Raise(HeadIndex.SelfHarm, severity);
            signals++;
            context.Hit(act, onSelf ? target : act, TextHeads.SelfHarm);
        }

        return signals;
    }

    /// <summary>Raises self-harm by one when the span holds <paramref name="signals"/> of two or more, or says goodbye.</summary>
    private readonly void CorroborateSelfHarm(int signals)
    {
        // Two signs of self-harm in one sentence say more than either: "suicide is the only way out".
        if (context.ScoreOf(HeadIndex.SelfHarm) > 0 && (signals >= 2 || (context.SpanRoles & WordRole.Farewell) != 0))
        {
            context.Raise(HeadIndex.SelfHarm, Math.Min(3, context.ScoreOf(HeadIndex.SelfHarm) + 1));
        }
    }

    /// <summary>Whether the span settles an ambiguous drug word in its drug sense.</summary>
    private readonly bool HasDrugContext(in LexiconMatch match, bool solid, bool obfuscated) =>
        match.Entry.Has(WordRole.WeakDrugTerm)
            ? solid || obfuscated || (context.SpanRoles & WordRole.DrugActivity) != 0
            : solid || obfuscated || (context.SpanRoles & (WordRole.DrugActivity | WordRole.Trade)) != 0;

    /// <summary>A drug word with a positive severity: dealing 3, use at least 2, otherwise the lexicon severity.</summary>
    private readonly int DrugSeverity(LexiconEntry entry)
    {
        // "drug prices" is commerce, not dealing: generic words rise with dealers and use only.
        var dealing = entry.Has(WordRole.WeakDrugTerm) ? WordRole.Trade : WordRole.Trade | WordRole.Commerce;
        return (context.SpanRoles & dealing) != 0 ? 3
            : (context.SpanRoles & WordRole.DrugActivity) != 0 ? Math.Max(entry.Severity, 2)
            : entry.Severity;
    }

    /// <summary>Whether the span settles an ambiguous child-exploitation word.</summary>
    private readonly bool HasChildExploitationContext(bool obfuscated) =>
        obfuscated || context.IsSolid(HeadIndex.Sexual) || (context.SpanRoles & WordRole.Trade) != 0;

    /// <summary>Reports a blocklist term as a hit; true when it did, which raises the project's custom class.</summary>
    private readonly bool ScoreCustomListMatch(in LexiconMatch match)
    {
        if (match.Entry.FilterType is null)
        {
            return false;
        }

        context.Hit(match.First, match.Last, match.Entry.FilterType);
        return true;
    }
}
