namespace HiveOrleans.Moderation.Text;

/// <summary>French (fr) words, phrases and context words, in the format of <see cref="LexiconSource"/>, one source per head.</summary>
internal static class FrenchLexicon
{
    public static LexiconSource[] Sources { get; } =
    [
        new(HeadIndex.Bullying, """
            // none yet
            """),
        new(HeadIndex.Sexual, """
            // none yet
            """),
        new(HeadIndex.Hate, """
            // none yet
            """),
        new(HeadIndex.Violence, """
            // none yet
            """),
        new(HeadIndex.SelfHarm, """
            // none yet
            """),
        new(HeadIndex.Drugs, """
            // none yet
            """),
        new(HeadIndex.ChildExploitation, """
            // none yet
            """),
        new(HeadIndex.Spam, """
            // none yet
            """),
        new(HeadIndex.Promotions, """
            // none yet
            """),
        new(HeadIndex.None, """
            // none yet
            """),
    ];
}
