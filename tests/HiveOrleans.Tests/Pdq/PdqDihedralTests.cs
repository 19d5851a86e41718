using System.Globalization;
using HiveOrleans.Moderation.Pdq;
using SkiaSharp;
using Xunit.Abstractions;

namespace HiveOrleans.Tests.Pdq;

/// <summary>
/// The eight hashes <see cref="PdqHasher.HashDihedral"/> derives from one DCT, against hashes of pictures whose pixels
/// were actually turned and mirrored (<see cref="DihedralPixels"/>), and against the reference implementation's
/// published hashes of its turned and mirrored photos (shared/data/pdq/dih, skipped when absent).
/// </summary>
public sealed class PdqDihedralTests(ITestOutputHelper output)
{
    // The derivation is exact for the 64×64 block; the block of a turned picture differs by where the downsampler
    // samples and how its blur windows sit (both a pixel or two off centre, as in the reference). On photos that moves
    // the hash by up to 8 bits, under the PDQ README's bar of 10 for ports. The synthetic scenes are speckled with
    // single-pixel noise, which a shift of a pixel or two changes most: 10–26 bits measured, so their bar is the
    // match threshold itself, which a wrong derivation (about 128 bits off) never meets.
    private const int Tolerance = 10;
    private const int SpeckledTolerance = PdqHasher.MatchThreshold;

    // The reference's file names for its turned and mirrored copies, in our terms. Its "rotate-90" is a quarter
    // turn anticlockwise and its "flipx" mirrors the rows (x axis), as hashing the files shows.
    private static readonly Dictionary<string, PdqTransform> ReferenceFiles = new(StringComparer.Ordinal)
    {
        ["dih/bridge-1-original.jpg"] = PdqTransform.Original,
        ["dih/bridge-2-rotate-90.jpg"] = PdqTransform.Rotate270,
        ["dih/bridge-3-rotate-180.jpg"] = PdqTransform.Rotate180,
        ["dih/bridge-4-rotate-270.jpg"] = PdqTransform.Rotate90,
        ["dih/bridge-5-flipx.jpg"] = PdqTransform.FlipVertical,
        ["dih/bridge-6-flipy.jpg"] = PdqTransform.FlipHorizontal,
        ["dih/bridge-7-flip-plus-1.jpg"] = PdqTransform.Transpose,
        ["dih/bridge-8-flip-minus-1.jpg"] = PdqTransform.Transverse,
    };

    public static TheoryData<int, int, int> Scenes => new()
    {
        { 1, 640, 480 },
        { 2, 480, 640 },
        { 3, 500, 500 },
        { 4, 1003, 357 },
    };

    [Theory]
    [MemberData(nameof(Scenes))]
    public void Each_derived_hash_is_near_the_hash_of_the_actually_turned_or_mirrored_picture(int seed, int width, int height)
    {
        using var scene = SyntheticImages.Scene(seed, width, height);
        var png = SyntheticImages.Encode(scene, SKEncodedImageFormat.Png);

        AssertDerivedMatchActual(png, $"scene {seed} {width}×{height}", SpeckledTolerance);
    }

    [SkippableFact]
    public void Each_derived_hash_of_the_reference_photos_is_near_the_hash_of_the_photo_turned_or_mirrored()
    {
        var folder = PdqData.Folder();
        Skip.If(folder is null, $"SKIPPED, nothing checked: no shared/data/pdq folder above {AppContext.BaseDirectory}.");

        foreach (var file in ReferenceFiles.Keys)
        {
            AssertDerivedMatchActual(File.ReadAllBytes(Path.Combine(folder, file)), file, Tolerance);
        }
    }

    [SkippableFact]
    public void Derived_hashes_of_the_reference_original_are_near_the_published_hashes_of_its_copies()
    {
        var folder = PdqData.Folder();
        Skip.If(folder is null, $"SKIPPED, nothing checked: no shared/data/pdq folder above {AppContext.BaseDirectory}.");
        var published = PdqData.Expected(folder).ToDictionary(row => row.File, row => row.Hash, StringComparer.Ordinal);
        Assert.Equal(ReferenceFiles.Keys.Order(StringComparer.Ordinal), published.Keys.Order(StringComparer.Ordinal));

        var derived = PdqHasher.HashDihedral(File.ReadAllBytes(Path.Combine(folder, "dih/bridge-1-original.jpg"))).Dihedral!;
        var failures = new List<string>();
        foreach (var (file, transform) in ReferenceFiles)
        {
            var distances = PdqTransforms.All.Select(t => derived[t].Distance(published[file])).ToArray();
            var distance = distances[(int)transform];
            output.WriteLine($"{file,-32} as {transform.Name(),-16} {distance,3} bits (to each transform: {string.Join(' ', distances)})");
            if (distance > Tolerance)
            {
                failures.Add($"{file}: {transform.Name()} is {distance} bits from the published hash");
            }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void The_original_of_the_eight_is_the_plain_hash_and_quality_is_shared()
    {
        using var scene = SyntheticImages.Scene(seed: 9);
        var png = SyntheticImages.Encode(scene, SKEncodedImageFormat.Png);

        var plain = PdqHasher.Hash(png);
        var dihedral = PdqHasher.HashDihedral(png);

        Assert.Null(plain.Dihedral);
        Assert.Equal(plain.Hash, dihedral.Hash);
        Assert.Equal(plain.Quality, dihedral.Quality);
        Assert.Equal(plain.Hash, dihedral.Dihedral![PdqTransform.Original]);
    }

    [Fact]
    public void A_picture_too_small_to_hash_gets_eight_zero_hashes()
    {
        var result = PdqHasher.HashLumaDihedral(new float[16], 4, 4);

        Assert.Equal(0, result.Quality);
        Assert.All(PdqTransforms.All, t => Assert.Equal(new PdqHash(0, 0, 0, 0), result.Dihedral![t]));
    }

    [Fact]
    public void Transforms_have_their_documented_names_and_inverses()
    {
        Assert.Equal(
            ["original", "rotate90", "rotate180", "rotate270", "flip_horizontal", "flip_vertical", "transpose", "transverse"],
            PdqTransforms.All.Select(t => t.Name()));
        foreach (var transform in PdqTransforms.All)
        {
            var (once, w, h) = DihedralPixels.Apply(Enumerable.Range(0, 6).ToArray(), 3, 2, transform);
            var (back, _, _) = DihedralPixels.Apply(once, w, h, transform.Inverse());
            Assert.Equal(Enumerable.Range(0, 6), back);
        }
    }

    private void AssertDerivedMatchActual(byte[] encoded, string what, int tolerance)
    {
        float[] luma;
        int width, height;
        using (var plane = LumaDecoder.Decode(encoded))
        {
            (luma, width, height) = (plane.Pixels.ToArray(), plane.Width, plane.Height);
        }

        var derived = PdqHasher.HashLumaDihedral(luma, width, height);
        var failures = new List<string>();
        foreach (var transform in PdqTransforms.All)
        {
            var (moved, movedWidth, movedHeight) = DihedralPixels.Apply(luma, width, height, transform);
            var actual = PdqHasher.HashLuma(moved, movedWidth, movedHeight);
            var distance = derived.Dihedral![transform].Distance(actual.Hash);
            var fromOriginal = actual.Hash.Distance(derived.Hash);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what,-32} {transform.Name(),-16} derived vs actual {distance,3} bits; actual vs original {fromOriginal,3}; quality {actual.Quality} vs {derived.Quality}"));

            // A transform that left the hash near the original would prove nothing about the derivation.
            if (distance > tolerance || (transform != PdqTransform.Original && fromOriginal <= PdqHasher.MatchThreshold))
            {
                failures.Add($"{transform.Name()}: derived {distance} bits from actual, actual {fromOriginal} from the original");
            }
        }

        Assert.True(failures.Count == 0, $"{what}: {string.Join("; ", failures)}");
    }
}
