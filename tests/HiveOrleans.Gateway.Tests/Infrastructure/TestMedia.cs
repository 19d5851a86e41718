using System.Diagnostics;
using HiveOrleans.Tests.Pdq;
using SkiaSharp;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>Media the tests make themselves: synthetic photographs (SkiaSharp) and clips from ffmpeg's test sources.</summary>
public static class TestMedia
{
    public static byte[] Jpeg(SKBitmap bitmap, int quality = 90) => Encode(bitmap, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Png(SKBitmap bitmap) => Encode(bitmap, SKEncodedImageFormat.Png, 100);

    /// <summary>A 640×480 synthetic scene as a JPEG; different seeds give unrelated pictures.</summary>
    public static byte[] SceneJpeg(int seed, int quality = 90)
    {
        using var scene = SyntheticImages.Scene(seed);
        return Jpeg(scene, quality);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>
    /// Runs ffmpeg with <paramref name="arguments"/> (an output file last) and returns that file's bytes. ffmpeg is
    /// a Debian package that .ci/run installs.
    /// </summary>
    public static async Task<byte[]> FfmpegAsync(string outputExtension, params string[] arguments)
    {
        var output = Path.Combine(Path.GetTempPath(), $"hive-media-{Guid.NewGuid():N}.{outputExtension}");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-loglevel", "error", "-y", .. arguments, output])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"ffmpeg failed: {await errors}");
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>A <paramref name="seconds"/>-second 160×120 MPEG-4 clip of ffmpeg's moving test pattern.</summary>
    public static Task<byte[]> TestPatternMp4Async(int seconds) =>
        FfmpegAsync("mp4", "-f", "lavfi", "-i", $"testsrc=duration={seconds}:size=160x120:rate=10", "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p");

    /// <summary>An animated GIF of <paramref name="seconds"/> seconds of the test pattern.</summary>
    public static Task<byte[]> TestPatternGifAsync(int seconds) =>
        FfmpegAsync("gif", "-f", "lavfi", "-i", $"testsrc=duration={seconds}:size=96x72:rate=5");
}
