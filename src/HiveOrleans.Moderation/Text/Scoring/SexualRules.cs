namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The sexual head: slang with an innocent sense needs context, nudity weighs more when said of a person, and
/// "fuck" is the verb of sex only in some constructions; otherwise it is the expletive, which
/// <see cref="BullyingRules"/> may score instead.
/// </summary>
internal static class SexualRules
{
    private const WordRole Person = WordRole.SecondPerson | WordRole.ThirdPerson | WordRole.Me;

    /// <summary>Whether the span settles an ambiguous sexual word in its sexual sense.</summary>
    public static bool HasContext(in SpanContext context, in LexiconMatch match, bool solid, bool obfuscated)
    {
        var entry = match.Entry;
        if (entry.Has(WordRole.Flirt))
        {
            return IsFlirtAimed(context, match);
        }

        return solid || obfuscated || (context.SpanRoles & WordRole.SexualContext) != 0
            || (entry.Has(WordRole.Genital) && IsPossessed(context, match.First));
    }

    /// <summary>Nudity said of a person, or with intent or media, 2; otherwise 1.</summary>
    public static int NuditySeverity(in SpanContext context) =>
        (context.SpanRoles & (Person | WordRole.FirstPerson | WordRole.Media | WordRole.Intent)) != 0 ? 2 : 1;

    /// <summary>"wanna fuck?", "let me fuck you", "while we fucked", "lick every inch of your body".</summary>
    public static void ScoreSexualVerbs(in SpanContext context)
    {
        for (var verb = context.FirstToken; verb < context.TokenEnd; verb++)
        {
            var roles = context.Analysis.Tokens[verb].Roles;
            if (((roles & WordRole.SexVerb) != 0 && IsSexualFuck(context, verb)) || ((roles & WordRole.SexAct) != 0 && IsSexActOnPerson(context, verb)))
            {
                context.Raise(HeadIndex.Sexual, (roles & WordRole.SexVerb) != 0 ? 3 : 2);
                context.Hit(verb, verb, TextHeads.Sexual);
            }
        }
    }

    // The expletive ("fuck this", "fuck you", "I fucked up", "this is fucking great") against the verb of sex.
    public static bool IsSexualFuck(in SpanContext context, int verb)
    {
        var key = context.Analysis.Key(context.Analysis.Tokens[verb]);
        var next = verb + 1 < context.TokenEnd ? verb + 1 : -1;
        var nextKey = context.KeyAt(next);
        if (nextKey is "up" or "off" or "around" or "with" or "over" or "this" or "that" or "it" or "everything" or "sake" or "outta" or "yeah" or "yes" or "no" or "the" or "all" or "everyone" or "is" or "was")
        {
            return false;
        }

        var past = key.EndsWith("ed", StringComparison.Ordinal);
        var intent = context.AnyIn(verb - 4, verb - 1, SpanContext.IntentOrWish);
        var sexualAfter = context.AnyIn(verb + 1, verb + 4, WordRole.SexualContext);
        var subject = (context.RolesAt(verb - 1) & (WordRole.FirstPerson | WordRole.ThirdPerson)) != 0;
        if (key.EndsWith("ing", StringComparison.Ordinal) || key.EndsWith("in", StringComparison.Ordinal))
        {
            // "we were fucking all night", not "this is fucking great".
            return context.KeyAt(verb - 1) is "were" or "was" or "been" or "are" or "be" && (next < 0 || (context.RolesAt(next) & (Person | WordRole.SexualContext)) != 0);
        }

        if (next >= 0 && (context.RolesAt(next) & (Person | WordRole.Reflexive)) != 0)
        {
            var roles = context.RolesAt(next);
            if ((roles & WordRole.Reflexive) != 0 || context.KeyAt(next + 1) is "up" or "over")
            {
                return false;
            }

            return intent || sexualAfter || (past && subject);
        }

        return next < 0 ? intent || (past && subject) : intent && sexualAfter;
    }

    // "lick every inch of your body", "ride me", "touch yourself": a sexual act with a person as its object.
    private static bool IsSexActOnPerson(in SpanContext context, int verb)
    {
        if (context.AnyIn(verb - 3, verb - 1, WordRole.Negation))
        {
            return false;
        }

        var analysis = context.Analysis;
        var touch = analysis.Key(analysis.Tokens[verb]).StartsWith("touch", StringComparison.Ordinal);
        var hasContext = !touch || (context.SpanRoles & (WordRole.SexualContext | WordRole.Intent)) != 0;
        for (var tokenIndex = verb + 1; tokenIndex < context.TokenEnd && tokenIndex <= verb + (touch ? 1 : 5); tokenIndex++)
        {
            var key = analysis.Key(analysis.Tokens[tokenIndex]);
            var roles = analysis.Tokens[tokenIndex].Roles;
            if (key is "your" or "ur")
            {
                // "lick your body", not "suck your thumb".
                return hasContext && (context.KeyAt(tokenIndex + 1) is "body" || (context.RolesAt(tokenIndex + 1) & (WordRole.BodyPart | WordRole.Genital)) != 0);
            }

            if ((roles & (Person | WordRole.Reflexive)) != 0)
            {
                return hasContext && context.KeyAt(tokenIndex + 1) is not ("in" or "into" or "dry");
            }

            if ((roles & WordRole.Filler) == 0 && key is not ("inch" or "part"))
            {
                return false;
            }
        }

        return false;
    }

    // "your dick", "my cock": a possessive before slang for genitals settles its sense.
    private static bool IsPossessed(in SpanContext context, int word) => context.KeyAt(word - 1) is "my" or "your" or "ur" or "his" or "her" or "their" or "yo";

    // "you're hot", "you look so hot": not "your coffee is hot".
    private static bool IsFlirtAimed(in SpanContext context, in LexiconMatch match)
    {
        var analysis = context.Analysis;
        for (var tokenIndex = match.First - 1; tokenIndex >= context.FirstToken && tokenIndex >= match.First - 4; tokenIndex--)
        {
            var roles = analysis.Tokens[tokenIndex].Roles;
            if ((roles & WordRole.SecondPerson) != 0)
            {
                return (roles & WordRole.Reflexive) == 0 && analysis.Key(analysis.Tokens[tokenIndex]) is not ("your" or "yours");
            }

            if ((roles & WordRole.Filler) == 0)
            {
                return false;
            }
        }

        return false;
    }
}
