namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The hate head: a word with an innocent sense is a slur when aimed or said with hateful words, and a protected
/// group named with dehumanising words, hate, negative traits or a violent act is hate without any slur. Death
/// wishes and passive threats against a group raise hate too (see <see cref="ViolenceRules"/>).
/// </summary>
internal static class HateRules
{
    /// <summary>Whether the span settles an ambiguous hate word in its hateful sense.</summary>
    public static bool HasContext(in SpanContext context, in LexiconMatch match, bool solid, bool obfuscated) =>
        solid || obfuscated || BullyingRules.IsAimed(context, match)
        || (context.SpanRoles & (WordRole.HateVerb | WordRole.Dehumanizing | WordRole.Profanity | WordRole.Aimed | WordRole.NegativeTrait | WordRole.Exclusion)) != 0;

    /// <summary>A protected group with dehumanising words or calls to remove it 3; with hate or negative traits 2; with a generalisation 1.</summary>
    public static void ScoreGroups(in SpanContext context)
    {
        for (var tokenIndex = context.FirstToken; tokenIndex < context.TokenEnd; tokenIndex++)
        {
            var roles = context.Analysis.Tokens[tokenIndex].Roles;
            var severity = 0;
            if ((roles & (WordRole.Dehumanizing | WordRole.Exclusion)) != 0)
            {
                severity = 3;
            }
            else if ((roles & (WordRole.HateVerb | WordRole.NegativeTrait)) != 0)
            {
                severity = 2;
            }
            else if ((roles & WordRole.ViolentAct) != 0 && IsActOnGroup(context, tokenIndex))
            {
                context.Raise(HeadIndex.Violence, 3);
                severity = 3;
            }
            else if ((roles & WordRole.Stereotype) != 0)
            {
                severity = 1;
            }

            if (severity == 0 || context.AnyIn(tokenIndex - 2, tokenIndex - 1, WordRole.Negation) || (roles & WordRole.Group) != 0)
            {
                continue;
            }

            context.Raise(HeadIndex.Hate, severity);
            context.Hit(tokenIndex, tokenIndex, TextHeads.Hate);
        }
    }

    // "kill all the jews", but not "jews were killed": the group must be the object and the verb not past.
    private static bool IsActOnGroup(in SpanContext context, int verb)
    {
        var obj = context.NextNonFiller(verb + 1, maxSkips: 3);
        return obj >= 0 && (context.Analysis.Tokens[obj].Roles & WordRole.Group) != 0 && !context.Analysis.Key(context.Analysis.Tokens[verb]).EndsWith("ed", StringComparison.Ordinal);
    }
}
