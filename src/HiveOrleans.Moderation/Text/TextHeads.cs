namespace HiveOrleans.Moderation.Text;

/// <summary>The text heads, in the order every span reports them.</summary>
public static class TextHeads
{
    public const string Sexual = "sexual";
    public const string Hate = "hate";
    public const string Violence = "violence";
    public const string Bullying = "bullying";
    public const string Drugs = "drugs";
    public const string SelfHarm = "self_harm";
    public const string Spam = "spam";
    public const string Promotions = "promotions";
    public const string ChildExploitation = "child_exploitation";
    public const string Gibberish = "gibberish";

    /// <summary>Multilevel heads (0–3) first, then binary heads (0 or 3).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Sexual, Hate, Violence, Bullying, Drugs, SelfHarm, Spam, Promotions, ChildExploitation, Gibberish];

    /// <summary>True for heads that only ever score 0 or 3.</summary>
    public static bool IsBinary(string head) =>
        head is Spam or Promotions or ChildExploitation or Gibberish;
}
