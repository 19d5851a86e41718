namespace HiveOrleans.Moderation.Text;

/// <summary>A lexicon entry found at tokens [First, Last].</summary>
internal struct LexiconMatch
{
    public int First;
    public int Last;
    public LexiconEntry Entry;

    /// <summary>Covered by a longer phrase: keeps its roles, scores nothing ("kill" inside "kill yourself").</summary>
    public bool Shadowed;
}
