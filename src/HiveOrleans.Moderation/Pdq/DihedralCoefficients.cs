namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// The low-frequency DCT block of a turned or mirrored picture, from the original's block, without a second DCT.
/// </summary>
/// <remarks>
/// Coefficient (u, v) is the picture's frequency u + 1 down and v + 1 across (<see cref="LowFrequencyDct"/>). Mirroring
/// along one axis maps sample n to N − 1 − n, and cos(π·f·(2(N − 1 − n) + 1) / 2N) = (−1)^f · cos(π·f·(2n + 1) / 2N),
/// so the mirror only negates that axis's odd frequencies (even u or v here). Swapping the axes (a transpose) swaps u
/// and v. Every turn or mirror is a transpose or not followed by mirrors along either axis:
/// a quarter turn clockwise is the transpose mirrored left to right, anticlockwise the transpose mirrored top to
/// bottom, and the anti-diagonal mirror the transpose turned a half turn. This is exact for the 64×64 block; the
/// block of an actually turned picture differs by the downsampler's rounding at the edges, a few bits of hash.
/// </remarks>
internal static class DihedralCoefficients
{
    private const int Side = LowFrequencyDct.Side;

    /// <summary>Writes the block the picture turned or mirrored by <paramref name="transform"/> would have.</summary>
    public static void Apply(PdqTransform transform, ReadOnlySpan<float> original, Span<float> transformed)
    {
        var (transpose, mirrorAcross, mirrorDown) = transform switch
        {
            PdqTransform.Original => (false, false, false),
            PdqTransform.FlipHorizontal => (false, true, false),
            PdqTransform.FlipVertical => (false, false, true),
            PdqTransform.Rotate180 => (false, true, true),
            PdqTransform.Transpose => (true, false, false),
            PdqTransform.Rotate90 => (true, true, false),
            PdqTransform.Rotate270 => (true, false, true),
            PdqTransform.Transverse => (true, true, true),
            _ => throw new ArgumentOutOfRangeException(nameof(transform)),
        };

        for (var u = 0; u < Side; u++)
        {
            for (var v = 0; v < Side; v++)
            {
                var value = transpose ? original[(v * Side) + u] : original[(u * Side) + v];

                // Frequency k + 1 is odd, and changes sign under a mirror, when k is even.
                var negate = (mirrorDown && (u & 1) == 0) ^ (mirrorAcross && (v & 1) == 0);
                transformed[(u * Side) + v] = negate ? -value : value;
            }
        }
    }
}
