namespace HiveOrleans.Moderation.Pdq;

/// <summary>
/// PDQ, Meta's perceptual image hash (ThreatExchange hashing.pdf): luma, tent-filter downsample to 64×64,
/// the 16×16 low-frequency DCT block, and one bit per coefficient above the block's median.
/// </summary>
public static class PdqHasher
{
    /// <summary>Hashes at or under this Hamming distance are the same picture (Meta's recommended starting point).</summary>
    public const int MatchThreshold = 31;

    /// <summary>Hashes of lower quality come from featureless images and should be neither stored nor matched.</summary>
    public const int MinimumQuality = 50;

    // The reference gives up below this size: a 4-pixel side has no structure to hash.
    private const int MinimumSide = 5;

    private const int BlockSide = TentDownsampler.Side;
    private const int CoefficientCount = LowFrequencyDct.Side * LowFrequencyDct.Side;

    /// <summary>Images whose header declares more pixels than this are refused unless a caller says otherwise.</summary>
    public const long DefaultMaxImagePixels = 50_000_000;

    /// <summary>Decodes JPEG, PNG, GIF (first frame), WebP or BMP bytes and hashes the picture.</summary>
    /// <param name="encodedImage">The file's bytes.</param>
    /// <param name="maxImagePixels">
    /// The most pixels the image's header may declare. Checked before anything is decoded, so a small file that
    /// declares a huge picture (a decompression bomb) costs a header read, not seconds of decoding.
    /// </param>
    /// <exception cref="UnsupportedImageException">The bytes are not an image we can decode, or it is too large.</exception>
    public static PdqResult Hash(ReadOnlySpan<byte> encodedImage, long maxImagePixels = DefaultMaxImagePixels)
    {
        using var plane = LumaDecoder.Decode(encodedImage, maxImagePixels);
        return HashPlane(plane, dihedral: false);
    }

    /// <summary>
    /// As <see cref="Hash"/>, and also the hashes of the picture turned and mirrored every way
    /// (<see cref="PdqResult.Dihedral"/>), all from the one DCT: the extra cost is seven sign changes and medians.
    /// </summary>
    /// <exception cref="UnsupportedImageException">The bytes are not an image we can decode, or it is too large.</exception>
    public static PdqResult HashDihedral(ReadOnlySpan<byte> encodedImage, long maxImagePixels = DefaultMaxImagePixels)
    {
        using var plane = LumaDecoder.Decode(encodedImage, maxImagePixels);
        return HashPlane(plane, dihedral: true);
    }

    /// <summary>
    /// Hashes a row-major luma image (values 0–255). The array is not modified. Images under 5 pixels on a
    /// side get the all-zero hash with quality 0, as in the reference.
    /// </summary>
    public static PdqResult HashLuma(float[] luma, int width, int height) => HashLuma(luma, width, height, dihedral: false);

    /// <summary>As <see cref="HashLuma(float[], int, int)"/>, with the eight dihedral hashes (<see cref="PdqResult.Dihedral"/>).</summary>
    public static PdqResult HashLumaDihedral(float[] luma, int width, int height) => HashLuma(luma, width, height, dihedral: true);

    private static PdqResult HashLuma(float[] luma, int width, int height, bool dihedral)
    {
        ArgumentNullException.ThrowIfNull(luma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var length = (long)width * height;
        if (luma.Length < length)
        {
            throw new ArgumentException($"A {width}×{height} image needs {length} luma values; got {luma.Length}.", nameof(luma));
        }

        using var plane = new LumaPlane(width, height);
        luma.AsSpan(0, (int)length).CopyTo(plane.Pixels);
        return HashPlane(plane, dihedral);
    }

    internal static PdqResult HashPlane(LumaPlane plane, bool dihedral)
    {
        if (plane.Width < MinimumSide || plane.Height < MinimumSide)
        {
            var zero = new PdqHash(0, 0, 0, 0);
            return new PdqResult(zero, 0) { Dihedral = dihedral ? new PdqDihedralHashes([.. PdqTransforms.All.Select(_ => zero)]) : null };
        }

        Span<float> block = stackalloc float[BlockSide * BlockSide];
        if (plane.Width == BlockSide && plane.Height == BlockSide)
        {
            plane.Pixels.CopyTo(block);
        }
        else
        {
            TentDownsampler.Downsample(plane.Pixels, plane.Scratch, plane.Width, plane.Height, block);
        }

        var quality = Quality(block);
        Span<float> coefficients = stackalloc float[CoefficientCount];
        LowFrequencyDct.Transform(block, coefficients);
        var hash = ToHash(coefficients);
        if (!dihedral)
        {
            return new PdqResult(hash, quality);
        }

        // The quality is the same for all eight: it sums the steps between neighbours, which turning or mirroring
        // the block only reorders.
        var hashes = new PdqHash[PdqTransforms.All.Count];
        hashes[(int)PdqTransform.Original] = hash;
        Span<float> transformed = stackalloc float[CoefficientCount];
        foreach (var transform in PdqTransforms.All)
        {
            if (transform != PdqTransform.Original)
            {
                DihedralCoefficients.Apply(transform, coefficients, transformed);
                hashes[(int)transform] = ToHash(transformed);
            }
        }

        return new PdqResult(hash, quality) { Dihedral = new PdqDihedralHashes(hashes) };
    }

    // Counts only steps of at least 1% of full scale between neighbours (truncation drops the small ones),
    // so noise and smooth gradients score low and edges score high; 90 was tuned by Meta so that typical
    // photos reach 100.
    private static int Quality(ReadOnlySpan<float> block)
    {
        var gradientSum = 0;
        for (var y = 0; y < BlockSide - 1; y++)
        {
            for (var x = 0; x < BlockSide; x++)
            {
                gradientSum += Step(block[(y * BlockSide) + x], block[((y + 1) * BlockSide) + x]);
            }
        }

        for (var y = 0; y < BlockSide; y++)
        {
            for (var x = 0; x < BlockSide - 1; x++)
            {
                gradientSum += Step(block[(y * BlockSide) + x], block[(y * BlockSide) + x + 1]);
            }
        }

        return Math.Min(gradientSum / 90, 100);

        static int Step(float from, float to) => Math.Abs((int)((from - to) * 100 / 255));
    }

    // The reference thresholds on the lower median (the 128th smallest of 256), so exactly half the bits are
    // set when the coefficients are distinct.
    private static PdqHash ToHash(ReadOnlySpan<float> coefficients)
    {
        Span<float> sorted = stackalloc float[CoefficientCount];
        coefficients.CopyTo(sorted);
        sorted.Sort();
        var median = sorted[(CoefficientCount / 2) - 1];

        Span<ulong> words = stackalloc ulong[4];
        for (var bit = 0; bit < CoefficientCount; bit++)
        {
            if (coefficients[bit] > median)
            {
                words[bit >> 6] |= 1UL << (bit & 63);
            }
        }

        return new PdqHash(words[0], words[1], words[2], words[3]);
    }
}
