namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The self-harm head: the writer's own stance turns a mention of suicide or a way to die into intent, acts done to
/// oneself count without the word "suicide", and several signs in one sentence weigh more than one. A way to die
/// urged on the reader is bullying instead. "I want to die" is scored with the other death words, in
/// <see cref="ViolenceRules"/>.
/// </summary>
internal static class SelfHarmRules
{
    /// <summary>"suicide" alone 1; "I'm suicidal", "I want to commit suicide" 3.</summary>
    public static int TopicSeverity(in SpanContext context, in LexiconMatch match)
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
    public static int MethodSeverity(in SpanContext context, in LexiconMatch match)
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
    public static int ScoreSelfActs(in SpanContext context)
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
            // Not "I'm not going to hurt myself", "I nearly killed myself tripping", "shaving my legs I cut myself".
            var onSelf = target >= 0 && (analysis.Tokens[target].Roles & WordRole.Myself) != 0 && (context.RolesAt(target + 1) & WordRole.Mishap) == 0
                && context.KeyAt(target + 1) is not ("laughing" or "lol" or "lmao" or "lmfao")
                && !context.AnyIn(act - 5, act - 1, WordRole.Negation) && context.KeyAt(act - 1) is not ("nearly" or "almost") && !IsAccident(context, act);

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

    // Shaving, cooking or tripping earlier in the sentence: "shaving my legs for the first time and I've cut myself".
    private static bool IsAccident(in SpanContext context, int act)
    {
        for (var tokenIndex = context.FirstToken; tokenIndex < act; tokenIndex++)
        {
            if (context.KeyAt(tokenIndex) is "shaving" or "coking" or "choping" or "slicing" or "peling" or "accidentaly" or "triping" or "triped")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Raises self-harm by one when the span holds <paramref name="signals"/> of two or more, or says goodbye.</summary>
    public static void Corroborate(in SpanContext context, int signals)
    {
        // Two signs of self-harm in one sentence say more than either: "suicide is the only way out".
        if (context.ScoreOf(HeadIndex.SelfHarm) > 0 && (signals >= 2 || (context.SpanRoles & WordRole.Farewell) != 0))
        {
            context.Raise(HeadIndex.SelfHarm, Math.Min(3, context.ScoreOf(HeadIndex.SelfHarm) + 1));
        }
    }
}
