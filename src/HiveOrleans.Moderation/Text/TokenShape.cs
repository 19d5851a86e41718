namespace HiveOrleans.Moderation.Text;

/// <summary>What kinds of characters a token holds.</summary>
[Flags]
internal enum TokenShape : byte
{
    None = 0,
    HasLetter = 1,
    HasDigit = 2,
    HasLeetSymbol = 4,
    HasOne = 8,
    StartsWithAt = 16,

    /// <summary>Spelled out letter by letter ("f.u.c.k") and joined.</summary>
    Merged = 32,

    /// <summary>Has letters masked with '*' ("sh*t").</summary>
    HasMask = 64,
}
