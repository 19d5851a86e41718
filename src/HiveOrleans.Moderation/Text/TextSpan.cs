namespace HiveOrleans.Moderation.Text;

/// <summary>A sentence or line: its original range [Start, End) and its tokens and matches.</summary>
internal struct TextSpan
{
    public int Start;
    public int End;
    public int FirstToken;
    public int TokenEnd;
    public int FirstMatch;
    public int MatchEnd;

    /// <summary>Every role of every token in the span.</summary>
    public WordRole Roles;
}
