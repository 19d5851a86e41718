using System.Globalization;
using System.Numerics;

namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// A 256-bit PDQ hash. Bit <c>k = 16·row + column</c> of the 16×16 DCT block lives in bit <c>k % 64</c>
/// of word <c>k / 64</c>, so the hex form is the one the reference implementation prints.
/// </summary>
public sealed record PdqHash(ulong Word0, ulong Word1, ulong Word2, ulong Word3)
{
    public const int BitCount = 256;
    public const int HexLength = 64;

    /// <summary>The sixteen 16-bit segments are the reference's 16-bit words; the hex form prints the last one first.</summary>
    public string ToHex() => string.Create(CultureInfo.InvariantCulture, $"{Word3:x16}{Word2:x16}{Word1:x16}{Word0:x16}");

    public static PdqHash FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != HexLength || !hex.All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"A PDQ hash is {HexLength} hex digits; got \"{hex}\".");
        }

        return new PdqHash(ParseWord(hex, 0), ParseWord(hex, 1), ParseWord(hex, 2), ParseWord(hex, 3));
    }

    /// <summary>Hamming distance: the number of the 256 bits that differ.</summary>
    public int Distance(PdqHash other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return BitOperations.PopCount(Word0 ^ other.Word0) + BitOperations.PopCount(Word1 ^ other.Word1)
            + BitOperations.PopCount(Word2 ^ other.Word2) + BitOperations.PopCount(Word3 ^ other.Word3);
    }

    public bool IsBitSet(int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bit, BitCount);
        return ((WordAt(bit >> 6) >> (bit & 63)) & 1UL) != 0;
    }

    public override string ToString() => ToHex();

    /// <summary>Segment <paramref name="index"/> (0–15) is bits 16·index … 16·index + 15.</summary>
    internal ushort Segment(int index) => (ushort)(WordAt(index >> 2) >> ((index & 3) * 16));

    internal ulong WordAt(int index) => index switch
    {
        0 => Word0,
        1 => Word1,
        2 => Word2,
        3 => Word3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    private static ulong ParseWord(string hex, int word)
    {
        var offset = (3 - word) * 16;
        return ulong.Parse(hex.AsSpan(offset, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
