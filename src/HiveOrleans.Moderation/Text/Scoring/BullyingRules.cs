namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The bullying head: an insult or a swear word scores when it is aimed at the reader, not when it is negated, aimed
/// by the writer at themself, or only mentioned; and a reader shut out by everyone is bullied without any insult.
/// Whether a word is aimed also settles ambiguous hate words (see <see cref="HateRules"/>).
/// </summary>
internal static class BullyingRules
{
    /// <summary>Insults and swearing aimed at the reader score 2 or more, profane insults 3; unaimed, the lexicon severity.</summary>
    public static int Severity(in SpanContext context, in LexiconMatch match)
    {
        var entry = match.Entry;
        if (entry.Has(WordRole.Aimed))
        {
            if ((context.Analysis.Tokens[match.First].Roles & WordRole.SexVerb) != 0 && SexualRules.IsSexualFuck(context, match.First))
            {
                return 0;
            }

            return entry.Severity > 1 || IsImperativeUse(context, match) ? entry.Severity : 0;
        }

        var ownSeverity = entry.Head == HeadIndex.Bullying ? entry.Severity : 0;
        if (context.AnyIn(match.First - 2, match.First - 1, WordRole.Negation) || IsSelfDirected(context, match) || IsFond(context))
        {
            return 0;
        }

        if (!IsAimed(context, match))
        {
            return ownSeverity;
        }

        return entry.Has(WordRole.Profanity) && entry.Has(WordRole.Insult) ? 3 : Math.Clamp(entry.Severity + 1, 2, 3);
    }

    /// <summary>"you idiot", "you are such a stupid idiot", "ur so dumb", "fuck you", "hey fatso", "ugly bitch", "Idiot, …".</summary>
    public static bool IsAimed(in SpanContext context, in LexiconMatch match)
    {
        const WordRole Skippable = WordRole.Filler | WordRole.Insult | WordRole.Profanity;
        var analysis = context.Analysis;
        for (var tokenIndex = match.First - 1; tokenIndex >= context.FirstToken && tokenIndex >= match.First - 5; tokenIndex--)
        {
            var roles = analysis.Tokens[tokenIndex].Roles;
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

        if (match.Entry.Has(WordRole.Profanity) && (context.RolesAt(match.Last + 1) & WordRole.SecondPerson) != 0)
        {
            return true;
        }

        // Addressed at the end of the sentence: "everyone laughs at you, loser".
        if (match.Last + 1 == context.TokenEnd && match.First > context.FirstToken && !analysis.SameClause(match.First - 1, match.First))
        {
            return true;
        }

        // A message or a sentence that is nothing but the insult ("ugly bitch"), or opens with it as a form of address ("fat pig, stop eating").
        if (!LeadsSpan(context, match.First))
        {
            return false;
        }

        var rest = match.Last + 1;
        return rest == context.TokenEnd || analysis.Text.AsSpan(analysis.Tokens[match.Last].OrigEnd, analysis.Tokens[rest].OrigStart - analysis.Tokens[match.Last].OrigEnd).IndexOfAny(',', '!') >= 0;
    }

    /// <summary>"nobody at this school likes you", "everyone here hates you": the reader shut out by everyone.</summary>
    public static void ScoreShunning(in SpanContext context)
    {
        var analysis = context.Analysis;
        for (var verb = context.FirstToken + 1; verb + 1 < context.TokenEnd; verb++)
        {
            if (analysis.Key(analysis.Tokens[verb]) is not ("likes" or "loves" or "wants" or "cares" or "misses" or "hates" or "laughs")
                || (context.RolesAt(verb + 1) & WordRole.SecondPerson) == 0 && !(context.KeyAt(verb + 1) is "about" or "at" && (context.RolesAt(verb + 2) & WordRole.SecondPerson) != 0))
            {
                continue;
            }

            for (var subject = verb - 1; subject >= context.FirstToken && subject >= verb - 5; subject--)
            {
                var subjectKey = analysis.Key(analysis.Tokens[subject]);
                if (subjectKey is "nobody" or "everyone" or "everybody" || (subjectKey is "one" && context.KeyAt(subject - 1) is "no"))
                {
                    context.Raise(HeadIndex.Bullying, 2);
                    context.Hit(subject, verb + 1, TextHeads.Bullying);
                    return;
                }
            }
        }
    }

    // "shut up", "get lost", "go away" are aimed when they are commands: not "get lost in a good book" or "the pain will go away".
    private static bool IsImperativeUse(in SpanContext context, in LexiconMatch match)
    {
        if (context.AnyIn(match.First, match.Last, WordRole.SecondPerson))
        {
            return true;
        }

        if (context.KeyAt(match.Last + 1) is "in" or "for" or "to" or "from" or "after" or "on" or "with" or "at" or "by" or "soon")
        {
            return false;
        }

        var previous = context.RolesAt(match.First - 1);
        return match.First == context.FirstToken
            || (previous & (WordRole.Imperative | WordRole.SecondPerson | WordRole.Vocative | WordRole.Profanity)) != 0
            || context.KeyAt(match.First - 1) is "and";
    }

    // "you're an idiot and I love you", "worst loser ever and I love him": teasing said with fondness.
    private static bool IsFond(in SpanContext context)
    {
        for (var tokenIndex = context.FirstToken; tokenIndex + 1 < context.TokenEnd; tokenIndex++)
        {
            if (context.KeyAt(tokenIndex) is "love" or "luv" && (context.RolesAt(tokenIndex - 1) & WordRole.FirstPerson) != 0
                && (context.RolesAt(tokenIndex + 1) & (WordRole.SecondPerson | WordRole.ThirdPerson)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    // "I'm such an idiot": an insult the writer aims at themself.
    private static bool IsSelfDirected(in SpanContext context, in LexiconMatch match)
    {
        for (var tokenIndex = match.First - 1; tokenIndex >= context.FirstToken && tokenIndex >= match.First - 4; tokenIndex--)
        {
            var roles = context.Analysis.Tokens[tokenIndex].Roles;
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

    private static bool LeadsSpan(in SpanContext context, int first)
    {
        for (var tokenIndex = context.FirstToken; tokenIndex < first; tokenIndex++)
        {
            if ((context.Analysis.Tokens[tokenIndex].Roles & (WordRole.Insult | WordRole.Profanity | WordRole.Filler)) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
