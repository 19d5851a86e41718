using System.Diagnostics;
using HiveOrleans.Moderation.Pdq;
using SkiaSharp;

namespace HiveOrleans.Bench;

/// <summary>
/// What matching turned and mirrored copies costs (issue #16 part 6), in-process and single-threaded, no Orleans or
/// HTTP: hashing one way against all eight (a 1000×1000 JPEG with its decode, and a 512×512 luma frame as the video
/// sampler hands over), and one <see cref="PdqIndex"/> query against the eight a bank that matches transforms makes,
/// in a bank of 100,000 random hashes. The two sides of each pair run in alternating one-second rounds, so load from
/// elsewhere on a shared machine falls on both alike. Run: <c>dotnet run -c Release --project tests/HiveOrleans.Bench -- dihedral</c>.
/// </summary>
internal static class DihedralBenchmarks
{
    private const int Rounds = 5;
    private const int BankSize = 100_000;
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(1);

    public static void Run()
    {
        Console.WriteLine($"dihedral PDQ, single thread, {Rounds} alternating rounds of {Round.TotalSeconds:0} s per side; load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| case | one way | all eight | eight / one |");
        Console.WriteLine("|---|---|---|---|");

        var jpeg = Jpeg();
        Pair($"hash a 1000×1000 JPEG ({jpeg.Length / 1024} KiB), decode included", () => PdqHasher.Hash(jpeg), () => PdqHasher.HashDihedral(jpeg));

        var random = new Random(16);
        var luma = new float[512 * 512];
        for (var i = 0; i < luma.Length; i++)
        {
            luma[i] = (float)((128 + (100 * Math.Sin(i % 512 / 17.0) * Math.Cos(i / 512 / 23.0))) + random.Next(8));
        }

        Pair("hash a 512×512 luma frame (the video path)", () => PdqHasher.HashLuma(luma, 512, 512), () => PdqHasher.HashLumaDihedral(luma, 512, 512));

        using var index = new PdqIndex();
        var banked = new PdqHash[BankSize];
        for (var i = 0; i < BankSize; i++)
        {
            banked[i] = RandomHash(random);
            index.Add(banked[i], i);
        }

        // The queries are real pictures' eight hashes (so their structure is PDQ's), half of them banked as they are.
        var pictures = Enumerable.Range(0, 64).Select(seed => PdqHasher.HashDihedral(Scene(seed)).Dihedral!).ToArray();
        for (var i = 0; i < pictures.Length; i += 2)
        {
            index.Add(pictures[i][PdqTransform.Original], BankSize + i);
        }

        // Both sides walk the same 512 hashes (64 pictures × 8 ways), one per query or eight per lookup, so neither side
        // gains from a smaller set of queries staying in the CPU's caches.
        var each = pictures.SelectMany(hashes => PdqTransforms.All.Select(transform => hashes[transform])).ToArray();
        var (single, eightfold) = (0, 0);
        Pair(
            $"look up a picture in a bank of {BankSize:N0} hashes, distance ≤ 31",
            () => index.Query(each[single++ % each.Length]),
            () =>
            {
                var hashes = pictures[eightfold++ % pictures.Length];
                foreach (var transform in PdqTransforms.All)
                {
                    index.Query(hashes[transform]);
                }
            });
    }

    private static void Pair(string name, Action one, Action eight)
    {
        one();
        eight();
        var (oneTimes, eightTimes) = (new List<double>(), new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            Measure(one, oneTimes);
            Measure(eight, eightTimes);
        }

        oneTimes.Sort();
        eightTimes.Sort();
        Console.WriteLine($"| {name} | {Describe(oneTimes)} | {Describe(eightTimes)} | {Mean(eightTimes) / Mean(oneTimes):0.00}× mean, {Median(eightTimes) / Median(oneTimes):0.00}× p50 |");
    }

    private static void Measure(Action action, List<double> times)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < Round && count < 1_000_000)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            count++;
        }
    }

    private static string Describe(List<double> sorted) =>
        $"mean {Mean(sorted):0.0} µs, p50 {Median(sorted):0.0} µs, p99 {sorted[(int)(sorted.Count * 0.99)]:0.0} µs ({sorted.Count:N0} runs)";

    private static double Mean(List<double> times) => times.Average();

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    private static PdqHash RandomHash(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63),
            (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(1000, 1000);
        Draw(bitmap, seed: 7, circles: 200);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static byte[] Scene(int seed)
    {
        using var bitmap = new SKBitmap(320, 240);
        Draw(bitmap, seed, circles: 40);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void Draw(SKBitmap bitmap, int seed, int circles)
    {
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { IsAntialias = true };
        paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(bitmap.Width, bitmap.Height), [SKColors.SteelBlue, SKColors.Orange], SKShaderTileMode.Clamp);
        canvas.DrawRect(0, 0, bitmap.Width, bitmap.Height, paint);
        paint.Shader = null;
        var random = new Random(seed);
        for (var i = 0; i < circles; i++)
        {
            paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            canvas.DrawCircle(random.Next(bitmap.Width), random.Next(bitmap.Height), random.Next(5, bitmap.Width / 12), paint);
        }
    }
}
