namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The violence head: a violent verb, a death word or a weapon scores by whom it is aimed at and with what intent,
/// not by its mere mention. A death wish aimed at the reader, a group or the writer also raises bullying, hate or
/// self-harm.
/// </summary>
internal static class ViolenceRules
{
    private const WordRole Target = WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.PersonNoun | WordRole.Group;

    /// <summary>
    /// "I will kill you" 3, "he killed her" 2, "kill the process" / "this joke kills me" 0; weak acts
    /// (punch, slap) one lower; "we should bomb their embassy" 2; a bare mention keeps the lexicon severity.
    /// </summary>
    public static int ThreatSeverity(in SpanContext context, in LexiconMatch match)
    {
        var analysis = context.Analysis;
        var entry = match.Entry;
        var weak = entry.Has(WordRole.Weak) && !context.AnyIn(match.Last + 1, match.Last + 6, WordRole.Lethal);
        if (IdiomAhead(context, match.Last + 1))
        {
            return 0;
        }

        // "was a massacre": a noun after an article is a mention, not an act on whatever follows. In the other
        // languages "a" is a preposition before an infinitive ("voy a matar").
        if (!analysis.InOtherCoveredLanguage && context.KeyAt(match.First - 1) is "a" or "an" or "the")
        {
            return entry.Severity;
        }

        var before = match.First - 5;
        var negated = context.AnyIn(before, match.First - 1, WordRole.Negation);
        var obj = context.NextNonFiller(match.Last + 1, maxSkips: 4);
        if (obj >= 0 && !analysis.SameClause(match.Last, obj))
        {
            obj = -1;
        }

        if ((obj < 0 || (analysis.Tokens[obj].Roles & Target) == 0) && ObjectBefore(context, match) is var first and >= 0)
        {
            obj = first;
        }

        var roles = obj < 0 ? WordRole.None : analysis.Tokens[obj].Roles;
        if ((roles & (Target | WordRole.Me | WordRole.Myself | WordRole.BodyPart)) == 0)
        {
            var passive = PassiveSeverity(context, match);
            if (passive >= 0)
            {
                return passive;
            }
        }

        // "no one is getting stabbed at this party": a violent act denied, with nobody named as its target.
        if (obj < 0 || (roles & Target) == 0)
        {
            if (negated)
            {
                return 0;
            }

            if (obj < 0)
            {
                return entry.Severity;
            }
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

        // "kick his head in", "beat him till he can't stand": a command to hurt someone is a call for violence.
        var commanded = match.First == context.FirstToken || (context.RolesAt(match.First - 1) & WordRole.Imperative) != 0;
        var intent = context.AnyIn(before, match.First - 1, SpanContext.IntentOrWish) || IsFirstPersonPresent(context, match)
            || (commanded && ((roles & WordRole.BodyPart) != 0 || (!weak && (roles & WordRole.ThirdPerson) != 0)));
        if ((roles & Target) == 0)
        {
            // A call to destroy something that is not a person: "we should bomb their embassy". Only verbs that destroy
            // property (bomb, blow up), not "shoot the commercial" or "I'm going to strangle this printer".
            return intent && entry.Severity > 0 && IsDestruction(entry.Text) ? Math.Max(entry.Severity, 2) : entry.Severity;
        }

        // "shoot you an email": an object followed by another object is not violence; nor is "beat you at chess" or "kill you in the game".
        var after = context.KeyAt(obj + 1);
        if (IsDitransitive(context, obj) || (weak && after is "at") || (after is "at" or "in" or "on" or "with" && IdiomAhead(context, obj + 2)))
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
    public static int DeathWishSeverity(in SpanContext context, in LexiconMatch match)
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
        if ((context.RolesAt(deathWord - 1) & WordRole.Imperative) != 0 || (context.KeyAt(deathWord - 1) is "and" && (context.SpanRoles & WordRole.Aimed) != 0) || IsBareCommand(context, match))
        {
            context.Raise(HeadIndex.Bullying, 3);
            return 3;
        }

        return 0;
    }

    /// <summary>A weapon with intent: at the reader or a school 3 ("I'm bringing a gun to school"), at someone else 2.</summary>
    public static int WeaponThreatSeverity(in SpanContext context, in LexiconMatch match)
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

    /// <summary>
    /// A threat made of ordinary words: a veiled consequence and a watch kept on the reader's home, family or routine
    /// ("nice car. be a shame if the brakes stopped working"), one of each in a message addressed to the reader, 3.
    /// The phrases may sit in different sentences, so the whole message is read.
    /// </summary>
    public static void ScoreMenace(in SpanContext context)
    {
        var analysis = context.Analysis;
        var consequence = false;
        var watch = false;
        var addressed = false;
        for (var m = 0; m < analysis.MatchCount; m++)
        {
            var entry = analysis.Matches[m].Entry;
            if (entry.Has(WordRole.Menace) && !analysis.Matches[m].Shadowed)
            {
                consequence |= entry.Severity == 1;
                watch |= entry.Severity == 2;
            }

            addressed |= entry.Has(WordRole.SecondPerson) && !entry.Has(WordRole.Reflexive);
        }

        if (!consequence || !watch || !addressed)
        {
            return;
        }

        context.Raise(HeadIndex.Violence, 3);
        for (var m = context.FirstMatch; m < context.MatchEnd; m++)
        {
            if (analysis.Matches[m].Entry.Has(WordRole.Menace))
            {
                context.Hit(analysis.Matches[m].First, analysis.Matches[m].Last, TextHeads.Violence);
                return;
            }
        }
    }

    // "I kill you": a first-person subject right before a verb in the present tense states intent.
    private static bool IsFirstPersonPresent(in SpanContext context, in LexiconMatch match)
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
    private static bool IdiomAhead(in SpanContext context, int from)
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
    private static int PassiveSeverity(in SpanContext context, in LexiconMatch match)
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

    private static bool IsDestruction(string verb) =>
        verb.StartsWith("bomb", StringComparison.Ordinal) || verb.StartsWith("blow", StringComparison.Ordinal) || verb.StartsWith("burn", StringComparison.Ordinal);

    /// <summary>
    /// The object pronoun the other languages put before the verb: Romance clitics ("te voy a matar", "ti ammazzo") and
    /// German objects before an infinitive ("ich werde dich töten"), marked <c>#object-first</c> in their lexicons.
    /// </summary>
    private static int ObjectBefore(in SpanContext context, in LexiconMatch match)
    {
        var analysis = context.Analysis;
        if (!analysis.InOtherCoveredLanguage)
        {
            return -1;
        }

        for (var t = match.First - 1; t >= Math.Max(context.FirstToken, match.First - 4); t--)
        {
            if (analysis.Tokens[t].Entries is { } entries && entries.Any(e => e.ObjectFirst && e.Tokens.Length == 1))
            {
                return analysis.SameClause(t, match.First) ? t : -1;
            }
        }

        return -1;
    }

    private static bool IsDitransitive(in SpanContext context, int obj)
    {
        if (obj + 1 >= context.TokenEnd)
        {
            return false;
        }

        var next = context.Analysis.Key(context.Analysis.Tokens[obj + 1]);
        return next is "a" or "an" or "up" or "some" or "off";
    }

    // "Die already", "die, loser": the sentence opens with the verb and nothing makes it a statement. "Die Kinder" is German.
    private static bool IsBareCommand(in SpanContext context, in LexiconMatch match)
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
}
