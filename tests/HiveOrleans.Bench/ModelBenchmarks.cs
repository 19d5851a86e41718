using System.Diagnostics;
using System.Text;
using HiveOrleans.Moderation.Pdq;
using HiveOrleans.Moderation.Text;
using SkiaSharp;

namespace HiveOrleans.Bench;

/// <summary>
/// The models alone, single-threaded, no Orleans or HTTP: text engine throughput and allocations, PDQ hashing of a
/// 1-megapixel JPEG, and <see cref="PdqIndex"/> lookups against a million random hashes (the NSFW classifier follows,
/// <see cref="NsfwBenchmarks"/>). Every loop is bounded by time and count. Run: <c>dotnet run -c Release --project tests/HiveOrleans.Bench -- models</c>.
/// </summary>
internal static class ModelBenchmarks
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    public static void Run()
    {
        Console.WriteLine($"models, single thread, {Window.TotalSeconds:0} s per case; load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        var engine = new TextEngine();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var coldStart = Stopwatch.StartNew();
        engine.Moderate("warm up: the first call loads the learned layer's embedded model");
        Console.WriteLine($"text engine first call (loads the learned layer): {coldStart.Elapsed.TotalSeconds:0.00} s; managed heap +{(GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1048576.0:0.0} MiB; model {engine.ModelVersion}");
        var shortTexts = Enumerable.Range(0, 1000).Select(i => SampleTexts.For(i)).ToArray();
        Text(engine, "text, ~100-char messages", shortTexts);
        Text(new TextEngine(learnedLayer: false), "text, ~100-char messages, lexicon alone", shortTexts);
        var document = new StringBuilder();
        for (var i = 0; document.Length < 50_000; i++)
        {
            document.Append(SampleTexts.For(i)).Append(i % 5 == 4 ? "\n" : " ");
        }

        Text(engine, "text, 50 KB document", [document.ToString()]);
        Pdq();
        Index();
    }

    private static void Text(TextEngine engine, string name, string[] texts)
    {
        for (var i = 0; i < Math.Min(200, texts.Length * 20); i++)
        {
            engine.Moderate(texts[i % texts.Length]);
        }

        long bytes = 0;
        long calls = 0;
        var latencies = new List<double>();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Window && calls < 50_000_000)
        {
            var text = texts[calls % texts.Length];
            var started = Stopwatch.GetTimestamp();
            engine.Moderate(text);
            if (latencies.Count < 2_000_000)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }

            bytes += Encoding.UTF8.GetByteCount(text);
            calls++;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        latencies.Sort();
        Console.WriteLine($"| {name} | {bytes / seconds / 1e6:0.0} MB/s wall | {bytes / cpu / 1e6:0.0} MB/s per CPU second | {seconds / calls * 1e6:0.0} µs/call, p50 {latencies[latencies.Count / 2]:0.0} µs, p99 {latencies[(int)(latencies.Count * 0.99)]:0.0} µs | {allocated / calls:0} B allocated/call (the list of latencies included) |");
    }

    private static void Pdq()
    {
        var jpeg = OneMegapixelJpeg();
        PdqHasher.Hash(jpeg);
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Window && times.Count < 100_000)
        {
            var started = Stopwatch.GetTimestamp();
            PdqHasher.Hash(jpeg);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"| PDQ, 1000×1000 JPEG ({jpeg.Length / 1024} KiB) | {times.Count / clock.Elapsed.TotalSeconds:0.0} images/s | p50 {times[times.Count / 2]:0.0} ms | p99 {times[(int)(times.Count * 0.99)]:0.0} ms |");
    }

    private static void Index()
    {
        const int size = 1_000_000;
        var random = new Random(42);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var index = new PdqIndex();
        var hashes = new PdqHash[size];
        for (var i = 0; i < size; i++)
        {
            hashes[i] = new PdqHash(NextWord(random), NextWord(random), NextWord(random), NextWord(random));
            index.Add(hashes[i], i);
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var q = 0; q < 10_000 && clock.Elapsed < Window * 4; q++)
        {
            // Half the queries are near-duplicates of a banked hash (up to 31 bits flipped), half are random.
            var query = q % 2 == 0 ? Flip(hashes[random.Next(size)], random.Next(32), random) : new PdqHash(NextWord(random), NextWord(random), NextWord(random), NextWord(random));
            var started = Stopwatch.GetTimestamp();
            index.Query(query);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"| PdqIndex, {size:N0} hashes, distance ≤ 31 | p50 {times[times.Count / 2]:0.000} ms | p99 {times[(int)(times.Count * 0.99)]:0.000} ms | max {times[^1]:0.000} ms | {heap / (1024.0 * 1024):0} MiB managed heap |");
    }

    private static ulong NextWord(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);

    private static PdqHash Flip(PdqHash hash, int bits, Random random)
    {
        Span<ulong> words = [hash.Word0, hash.Word1, hash.Word2, hash.Word3];
        foreach (var bit in Enumerable.Range(0, 256).OrderBy(_ => random.Next()).Take(bits))
        {
            words[bit / 64] ^= 1UL << (bit % 64);
        }

        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    private static byte[] OneMegapixelJpeg()
    {
        using var bitmap = new SKBitmap(1000, 1000);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { IsAntialias = true };
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(1000, 1000), [SKColors.SteelBlue, SKColors.Orange], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, 1000, 1000, paint);
            paint.Shader = null;
            var random = new Random(7);
            for (var i = 0; i < 200; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawCircle(random.Next(1000), random.Next(1000), random.Next(5, 80), paint);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
