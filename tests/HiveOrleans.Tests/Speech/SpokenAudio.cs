using System.Collections.Concurrent;
using System.Diagnostics;

namespace HiveOrleans.Tests.Speech;

/// <summary>
/// Speech made on demand by Debian's espeak-ng, converted by ffmpeg and mixed with noise by sox (packages that
/// .ci/run installs), in a temporary directory per test class; each file is made once.
/// </summary>
public sealed class SpokenAudio : IDisposable
{
    /// <summary>A threat, in a voice PocketSphinx hears well enough to find "kill" in.</summary>
    public const string Threat = "I will kill you and your family";

    /// <summary>Nothing to flag.</summary>
    public const string Benign = "The weather is lovely and we are going to the park";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _made = new();

    public SpokenAudio()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hiveorleans-speech-").FullName;
    }

    public string Directory { get; }

    /// <summary>espeak-ng's WAV (22 050 Hz mono) of <paramref name="sentence"/>, voice <c>en</c> at 150 words a minute.</summary>
    public Task<string> WavAsync(string sentence) =>
        MakeAsync($"{Slug(sentence)}.wav", path => RunAsync("espeak-ng", "-v", "en", "-s", "150", "-w", path, sentence));

    /// <summary><paramref name="sentence"/> spoken, then encoded by ffmpeg with <paramref name="codec"/> into a file ending <paramref name="extension"/>.</summary>
    public Task<string> EncodedAsync(string sentence, string extension, params string[] codec) =>
        MakeAsync($"{Slug(sentence)}-{string.Join('-', codec).Replace(':', '_')}.{extension}", async path =>
            await RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", await WavAsync(sentence), .. codec, path]));

    /// <summary><paramref name="sentence"/> at 16 kHz with pink noise mixed in by sox at <paramref name="volume"/> of full scale.</summary>
    public Task<string> NoisyAsync(string sentence, double volume) =>
        MakeAsync($"{Slug(sentence)}-noise-{volume:0.###}.wav", async path =>
        {
            var clean = Path.Combine(Directory, $"{Slug(sentence)}-16k.wav");
            await RunAsync("sox", await WavAsync(sentence), "-r", "16000", "-c", "1", "-b", "16", clean);
            var noise = Path.Combine(Directory, $"{Slug(sentence)}-pink-{volume:0.###}.wav");
            var seconds = (new FileInfo(clean).Length - 44) / 32000.0;
            await RunAsync("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", noise, "synth", seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), "pinknoise", "vol", volume.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
            await RunAsync("sox", "-m", clean, noise, path);
        });

    /// <summary>A 160×120 test-pattern video (MPEG-4 in MP4) whose sound track says <paramref name="sentence"/>.</summary>
    public Task<string> VideoAsync(string sentence) =>
        MakeAsync($"{Slug(sentence)}-video.mp4", async path =>
            await RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-i", await WavAsync(sentence),
                "-shortest", "-c:v", "mpeg4", "-pix_fmt", "yuv420p", "-c:a", "aac", path]));

    /// <summary>A one-second test-pattern video with no sound track at all.</summary>
    public Task<string> SilentVideoAsync() =>
        MakeAsync("silent.mp4", path => RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10", "-c:v", "mpeg4", path));

    /// <summary>
    /// <paramref name="sentences"/> spoken one after another with <paramref name="gapSeconds"/> of silence between
    /// (16 kHz WAV), for recordings longer than a segment.
    /// </summary>
    public Task<string> SequenceAsync(double gapSeconds, params string[] sentences) =>
        MakeAsync($"sequence-{gapSeconds:0}-{string.Join('_', sentences.Select(Slug))}.wav", async path =>
        {
            List<string> parts = [];
            foreach (var sentence in sentences)
            {
                var part = Path.Combine(Directory, $"{Slug(sentence)}-16k-part.wav");
                await RunAsync("sox", await WavAsync(sentence), "-r", "16000", "-c", "1", "-b", "16", part, "pad", "0", gapSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
                parts.Add(part);
            }

            await RunAsync("sox", [.. parts, path]);
        });

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temporary directory is cleaned by the OS.
        }
    }

    private static string Slug(string sentence) =>
        new([.. sentence.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(40)]);

    private Task<string> MakeAsync(string name, Func<string, Task> make) =>
        _made.GetOrAdd(name, _ => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(Directory, name);
            await make(path);
            return path;
        })).Value;

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await errors}");
    }
}
