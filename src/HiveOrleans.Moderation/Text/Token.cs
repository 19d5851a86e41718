namespace HiveOrleans.Moderation.Text;

/// <summary>A word of the text: where it sits in the folded and the original text, its key and roles.</summary>
internal struct Token
{
    public int FoldStart;
    public int FoldEnd;
    public int OrigStart;
    public int OrigEnd;
    public int KeyStart;
    public int KeyLength;
    public int Span;
    public TokenShape Shape;
    public WordRole Roles;
    public LexiconEntry[]? Entries;

    /// <summary>Entries of the project's own lists (blocklist and allowlist), when it has any.</summary>
    public LexiconEntry[]? Custom;

    public readonly bool Is(TokenShape shape) => (Shape & shape) != 0;
}
