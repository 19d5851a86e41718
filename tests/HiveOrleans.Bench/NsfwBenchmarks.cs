using System.Diagnostics;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Nsfw;
using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Bench;

/// <summary>
/// The built-in NSFW classifier alone (nsfwjs's MobileNetV2 on ONNX Runtime, one intra-op thread, as a silo runs it
/// by default): images per second at 224×224 after decode in batches of 8, the latency of one 640×480 picture
/// (resize included), and a 60 s video sampled at 1 frame/s, decoded by ffmpeg and classified 8 frames at a time as
/// the visual model does. Needs the weights next to the binary (the build writes them) and ffmpeg.
/// </summary>
internal static class NsfwBenchmarks
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task RunAsync()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "nsfwjs", "mobilenet_v2");
        var loading = Stopwatch.StartNew();
        using var model = NsfwjsModel.Load(directory, cacheDirectory: null, intraOpThreads: 1);
        Console.WriteLine($"NSFW model {model.Version}: read, converted to ONNX and loaded in {loading.Elapsed.TotalMilliseconds:0} ms (1 intra-op thread)");
        var random = new Random(16);
        var batch = Enumerable.Range(0, 8).Select(_ => Noise(random, 224, 224)).ToArray();
        Throughput(model.Classifier, batch);
        Latency(model.Classifier, Noise(random, 640, 480));
        await VideoAsync(model.Classifier);
    }

    private static void Throughput(OnnxImageClassifier classifier, RgbImage[] batch)
    {
        classifier.Classify(batch);
        var images = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Window)
        {
            classifier.Classify(batch);
            images += batch.Length;
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"| NSFW head, 224×224 after decode, batch 8 | {images / clock.Elapsed.TotalSeconds:0.0} images/s wall | {images / cpu:0.0} images per CPU second | {clock.Elapsed.TotalMilliseconds / (images / batch.Length):0.0} ms per batch |");
    }

    private static void Latency(OnnxImageClassifier classifier, RgbImage picture)
    {
        classifier.Classify([picture]);
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Window && times.Count < 100_000)
        {
            var started = Stopwatch.GetTimestamp();
            classifier.Classify([picture]);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"| NSFW head, one 640×480 picture (resize included) | p50 {times[times.Count / 2]:0.0} ms | p99 {times[(int)(times.Count * 0.99)]:0.0} ms | max {times[^1]:0.0} ms |");
    }

    private static async Task VideoAsync(OnnxImageClassifier classifier)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hiveorleans-bench-{Guid.NewGuid():N}.mp4");
        try
        {
            using (var encode = Process.Start(new ProcessStartInfo("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=duration=60:size=640x360:rate=25", "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p", path]) { UseShellExecute = false })!)
            {
                await encode.WaitForExitAsync();
            }

            var clock = Stopwatch.StartNew();
            var frames = 0;
            var sampler = new FrameSampler();
            await using var video = await sampler.OpenAsync(path, new FrameSamplingOptions { FramesPerSecond = 1, KeepPixels = true });
            var pending = new List<RgbImage>(8);
            await foreach (var frame in video.ReadAsync())
            {
                pending.Add(frame.Pixels!);
                if (pending.Count == 8)
                {
                    frames += classifier.Classify(pending).Length;
                    pending.Clear();
                }
            }

            frames += classifier.Classify(pending).Length;
            Console.WriteLine($"| NSFW head, 60 s 640×360 video at 1 frame/s (ffmpeg decode, PDQ and classification, batches of 8) | {frames} frames in {clock.Elapsed.TotalSeconds:0.00} s |");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static RgbImage Noise(Random random, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
