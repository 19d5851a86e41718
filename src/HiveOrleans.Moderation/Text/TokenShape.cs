namespace HiveOrleans.Moderation.Text;

/// <summary>What kinds of characters a token holds, and how its key was read.</summary>
[Flags]
internal enum TokenShape : ushort
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

    /// <summary>Has a letter outside ASCII after folding (Cyrillic, Greek, CJK…).</summary>
    HasOtherLetter = 128,

    /// <summary>Has an ASCII letter after folding.</summary>
    HasAsciiLetter = 256,

    /// <summary>Its key was read through the leetspeak table ("sh1t").</summary>
    LeetRead = 512,

    /// <summary>A letter was stretched to three or more ("fuuuck").</summary>
    Stretched = 1024,

    /// <summary>Look-alike letters of another script were read as Latin ("sеnd" with a Cyrillic е).</summary>
    Confusable = 2048,

    /// <summary>Invisible characters or combining marks sat inside the word.</summary>
    HasRemoved = 4096,

    /// <summary>An innocent fixed expression or an allowlisted term starts here and claims the words it spans.</summary>
    ClaimStart = 8192,

    /// <summary>Any spelling a writer uses to slip a word past a filter.</summary>
    Obfuscated = Merged | HasMask | LeetRead | Stretched | Confusable | HasRemoved,
}
