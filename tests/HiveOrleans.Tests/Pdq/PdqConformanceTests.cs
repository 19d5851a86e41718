using HiveOrleans.Moderation.Pdq;
using Xunit.Abstractions;

namespace HiveOrleans.Tests.Pdq;

/// <summary>
/// Hashes the reference implementation's eight test photos (shared/data/pdq, beside the repo; not copied in)
/// and compares with the published hashes. Our JPEG decoder (Skia's libjpeg-turbo) is not the reference's,
/// so the PDQ README's bar for such ports applies: distance at most 10.
/// On a machine without the data the test is reported as skipped, with the reason.
/// </summary>
public sealed class PdqConformanceTests(ITestOutputHelper output)
{
    private const int PortTolerance = 10;

    [SkippableFact]
    public void Reference_photos_hash_within_ten_bits_of_the_published_hashes()
    {
        var folder = PdqData.Folder();
        Skip.If(folder is null, $"SKIPPED, nothing checked: no shared/data/pdq folder above {AppContext.BaseDirectory}.");

        var expected = PdqData.Expected(folder).ToList();
        Assert.Equal(8, expected.Count);

        var failures = new List<string>();
        foreach (var (published, publishedQuality, file) in expected)
        {
            var result = PdqHasher.Hash(File.ReadAllBytes(Path.Combine(folder, file)));
            var distance = result.Hash.Distance(published);
            output.WriteLine($"{file,-32} distance {distance,2}  quality {result.Quality} (published {publishedQuality})  {result.Hash.ToHex()}");
            if (distance > PortTolerance || result.Quality < PdqHasher.MinimumQuality)
            {
                failures.Add($"{file}: distance {distance}, quality {result.Quality}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}
