namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>
/// Hashes a feature (a kind tag and up to two strings or numbers) into the model's feature space without building a
/// string: FNV-1a (64-bit, over UTF-16 units) of the parts, mixed, then the top bits. Collisions are the price of a
/// fixed-size model; at 2^18 slots and a few hundred features per text they are rare.
/// </summary>
internal static class FeatureHash
{
    public const int Bits = 18;
    public const int Size = 1 << Bits;

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static int Of(char kind, ReadOnlySpan<char> first) => Finish(Add(Add(Offset, kind), first));

    public static int Of(char kind, ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        Finish(Add(Add(Add(Add(Offset, kind), first), '\u0001'), second));

    public static int Of(char kind, int value) => Finish(Add(Add(Offset, kind), (char)value, (char)(value >> 16)));

    public static int Of(char kind, int first, int second) =>
        Finish(Add(Add(Add(Offset, kind), (char)first, (char)(first >> 16)), (char)second, (char)(second >> 16)));

    private static ulong Add(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = Add(hash, c);
        }

        return hash;
    }

    // A UTF-16 unit at a time: one multiply per character rather than one per byte.
    private static ulong Add(ulong hash, char c) => (hash ^ c) * Prime;

    private static ulong Add(ulong hash, char low, char high) => Add(Add(hash, low), high);

    // Mixed first: FNV's low bits are weak, and the top bits of a multiply carry the most of every byte.
    private static int Finish(ulong hash)
    {
        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        return (int)(hash >> (64 - Bits));
    }
}
