using System.Collections.Concurrent;
using System.Diagnostics;
using HiveOrleans.Tests.Pdq;
using SkiaSharp;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// Media made on demand by the real ffmpeg from its lavfi test sources (and Skia pictures), in a temporary
/// directory per test class. Each file is made once, the first time a test asks for it, so a class pays only for
/// what it uses. Encoding stays small and fast: low resolutions, x264 "ultrafast" where the build has it.
/// </summary>
public sealed class VideoFiles : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _made = new();
    private readonly Lazy<Task<string[]>> _videoCodec;

    public VideoFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hiveorleans-media-").FullName;
        _videoCodec = new(ChooseVideoCodecAsync);
    }

    public string Directory { get; }

    /// <summary>testsrc at 25 fps, 320×240: a picture that moves.</summary>
    public Task<string> TestPatternAsync(int seconds) =>
        MakeAsync($"testsrc-{seconds}s.mp4", async path =>
            await RunFfmpegAsync(["-f", "lavfi", "-i", $"testsrc=duration={seconds}:size=320x240:rate=25", .. await VideoCodecAsync(), path]));

    /// <summary>One Skia picture held for six seconds at 10 fps, and the picture's PNG next to it.</summary>
    public Task<string> StillPictureVideoAsync() =>
        MakeAsync("still.mp4", async path =>
            await RunFfmpegAsync(["-loop", "1", "-framerate", "10", "-t", "6", "-i", await ScenePngAsync(1), .. await VideoCodecAsync(), path]));

    /// <summary>Three unrelated pictures, shown for the given whole seconds each, in one stream.</summary>
    public Task<string> ScenesAsync(string extension, params int[] seconds) =>
        MakeAsync($"scenes-{string.Join('-', seconds)}.{extension}", async path =>
        {
            List<string> arguments = [];
            for (var i = 0; i < seconds.Length; i++)
            {
                arguments.AddRange(["-loop", "1", "-framerate", "10", "-t", seconds[i].ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", await ScenePngAsync(i + 1)]);
            }

            var inputs = string.Concat(Enumerable.Range(0, seconds.Length).Select(i => $"[{i}:v]"));
            var encode = extension == "gif"
                ? ["-filter_complex", $"{inputs}concat=n={seconds.Length}:v=1,split[a][b];[a]palettegen[p];[b][p]paletteuse", path]
                : (string[])["-filter_complex", $"{inputs}concat=n={seconds.Length}:v=1,format=yuv420p", .. await VideoCodecAsync(), path];
            await RunFfmpegAsync([.. arguments, .. encode]);
        });

    /// <summary>testsrc as a 160×120 animated GIF.</summary>
    public Task<string> TestPatternGifAsync(int seconds, int rate) =>
        MakeAsync($"testsrc-{seconds}s-{rate}fps.gif", path => RunFfmpegAsync(
            ["-f", "lavfi", "-i", $"testsrc=duration={seconds}:size=160x120:rate={rate}", "-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse", path]));

    /// <summary>The PNG of <see cref="SyntheticImages.Scene"/> at 320×240.</summary>
    public Task<string> ScenePngAsync(int seed) =>
        MakeAsync($"scene-{seed}.png", path =>
        {
            using var bitmap = SyntheticImages.Scene(seed, 320, 240);
            File.WriteAllBytes(path, SyntheticImages.Encode(bitmap, SKEncodedImageFormat.Png));
            return Task.CompletedTask;
        });

    /// <summary>Any file ffmpeg can write from lavfi sources, named by its arguments' output file name.</summary>
    public Task<string> CustomAsync(string name, params string[] argumentsBeforeOutput) =>
        MakeAsync(name, path => RunFfmpegAsync([.. argumentsBeforeOutput, path]));

    /// <summary>A file written by the test itself.</summary>
    public Task<string> WrittenAsync(string name, Func<string, Task> write) => MakeAsync(name, write);

    public async Task<string[]> VideoCodecAsync() => await _videoCodec.Value;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling file handle on a temp directory is not worth failing a run over.
        }
    }

    public static async Task RunFfmpegAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', start.ArgumentList)} failed: {await stderr}");
        }

        await stdout;
    }

    private Task<string> MakeAsync(string name, Func<string, Task> make)
    {
        var path = Path.Combine(Directory, name);
        return _made.GetOrAdd(name, _ => new Lazy<Task<string>>(async () =>
        {
            await make(path);
            return path;
        })).Value;
    }

    // Debian's ffmpeg has libx264; a build without it still has the native MPEG-4 part 2 encoder.
    private static async Task<string[]> ChooseVideoCodecAsync()
    {
        var start = new ProcessStartInfo("ffmpeg", ["-hide_banner", "-encoders"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var encoders = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return encoders.Contains(" libx264 ", StringComparison.Ordinal)
            ? ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
            : ["-c:v", "mpeg4", "-q:v", "4", "-pix_fmt", "yuv420p"];
    }
}
