namespace HiveOrleans.Moderation.Text;

/// <summary>
/// A token as the lexicon stores it: its skeleton (runs of a repeated letter collapsed to one) and the
/// length of each run, so "fuuuck" can match "fuck" while "as" does not match "ass".
/// </summary>
internal sealed class LexiconKey(string skeleton, byte[] runs)
{
    public string Skeleton { get; } = skeleton;

    public byte[] Runs { get; } = runs;

    /// <summary><see cref="HashOf"/> of the skeleton: phrase matching compares it before the skeleton itself.</summary>
    public int Hash { get; } = HashOf(skeleton);

    /// <summary>FNV-1a over the characters of a key.</summary>
    public static int HashOf(ReadOnlySpan<char> skeleton)
    {
        var hash = 2166136261u;
        foreach (var c in skeleton)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    /// <summary>
    /// A run written once matches one letter or a deliberate stretch of three or more; a doubled letter
    /// needs at least two. "good" therefore never matches "god", but "gooood" would.
    /// </summary>
    public bool RunsMatch(ReadOnlySpan<byte> input)
    {
        if (input.Length != Runs.Length)
        {
            return false;
        }

        for (var i = 0; i < Runs.Length; i++)
        {
            var want = Runs[i];
            var got = input[i];
            if (want == 1 ? got == 2 : got < want)
            {
                return false;
            }
        }

        return true;
    }
}
