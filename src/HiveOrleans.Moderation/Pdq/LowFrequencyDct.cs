namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// The 16×16 lowest non-constant frequencies of the 64×64 DCT-II, computed as B = D·A·Dᵀ with D the 16×64
/// slice of the basis. Only 16 of 64 outputs per axis are needed, and the plain matrix product does exactly
/// that work, which is cheaper here than a fast full transform.
/// </summary>
internal static class LowFrequencyDct
{
    public const int Side = 16;

    private const int InputSide = TentDownsampler.Side;

    // Basis rows 1–16: row 0 is the mean brightness, which says nothing about the picture's structure.
    private static readonly float[] Basis = BuildBasis();

    public static void Transform(ReadOnlySpan<float> block, Span<float> coefficients)
    {
        Span<float> partial = stackalloc float[Side * InputSide];
        for (var i = 0; i < Side; i++)
        {
            var basisRow = Basis.AsSpan(i * InputSide, InputSide);
            for (var j = 0; j < InputSide; j++)
            {
                var sum = 0f;
                for (var k = 0; k < InputSide; k++)
                {
                    sum += basisRow[k] * block[(k * InputSide) + j];
                }

                partial[(i * InputSide) + j] = sum;
            }
        }

        for (var i = 0; i < Side; i++)
        {
            var partialRow = partial.Slice(i * InputSide, InputSide);
            for (var j = 0; j < Side; j++)
            {
                var basisRow = Basis.AsSpan(j * InputSide, InputSide);
                var sum = 0f;
                for (var k = 0; k < InputSide; k++)
                {
                    sum += partialRow[k] * basisRow[k];
                }

                coefficients[(i * Side) + j] = sum;
            }
        }
    }

    private static float[] BuildBasis()
    {
        // The scale is rounded to float before use, as in the reference, so the basis has the same bits.
        var scale = (float)Math.Sqrt(2.0 / InputSide);
        var basis = new float[Side * InputSide];
        for (var i = 0; i < Side; i++)
        {
            for (var j = 0; j < InputSide; j++)
            {
                basis[(i * InputSide) + j] = (float)(scale * Math.Cos(Math.PI / 2 / InputSide * (i + 1) * ((2 * j) + 1)));
            }
        }

        return basis;
    }
}
