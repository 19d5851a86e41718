using System.Diagnostics;
using System.Globalization;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Speech;
using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Bench;

/// <summary>
/// The speech path in process, one thread (a micro phase: no silo, no HTTP): espeak-ng says harmful and benign
/// sentences in four voices, clean and with sox's pink noise; ffmpeg decodes each to 16 kHz as the model does;
/// PocketSphinx hears it (timed alone, in process CPU time, for the real-time factor per core; the decoder each
/// recording loads is timed beside it, as a task pays it) and the text engine judges the transcript. A harmful sentence counts as flagged when violence, self_harm, hate or bullying
/// reaches 2. Then all the recordings joined into one long one are heard in 20 s segments, as a long voice note or
/// video is, where the model load no longer counts. Needs espeak-ng, sox, ffmpeg, libpocketsphinx3 and pocketsphinx-en-us.
/// </summary>
internal static class SpeechBenchmarks
{
    private static readonly string[] Harmful =
    [
        "I will kill you", "I am going to kill you", "I will kill you and your family", "I am going to shoot you",
        "I will stab you tonight", "You should kill yourself", "Go kill yourself", "I will beat you to death",
        "I hope you die", "I am going to murder you",
    ];

    private static readonly string[] Benign =
    [
        "The weather is lovely and we are going to the park", "Thank you for the dinner, see you next week",
        "Please call me back when you get home", "I will bring the cake to the party", "The train leaves at nine",
    ];

    private static readonly string[] Voices = ["en", "en-us", "en+f3", "en+m3"];

    private static readonly string[] Heads = ["violence", "self_harm", "hate", "bullying"];

    public static async Task RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("hiveorleans-speech-bench-").FullName;
        try
        {
            var recognizer = new PocketSphinxRecognizer();
            var engine = new TextEngine();
            var decoder = new AudioDecoder();
            double audioSeconds = 0, cpuSeconds = 0, loadSeconds = 0;
            var rows = new List<(string Kind, string Voice, bool Noisy, string Sentence, string Transcript, bool Flagged)>();
            var n = 0;
            foreach (var (kind, sentences) in new[] { ("harmful", Harmful), ("benign", Benign) })
            {
                foreach (var sentence in sentences)
                {
                    foreach (var voice in Voices)
                    {
                        foreach (var noisy in new[] { false, true })
                        {
                            var path = Path.Combine(directory, $"{n++}.wav");
                            await SayAsync(sentence, voice, noisy, path, directory);
                            var words = new List<RecognizedWord>();
                            var loading = Process.GetCurrentProcess().TotalProcessorTime;
                            using (var session = recognizer.Start())
                            {
                                loadSeconds += (Process.GetCurrentProcess().TotalProcessorTime - loading).TotalSeconds;
                                await foreach (var segment in decoder.ReadAsync(path, 20, 3600, TimeSpan.FromMinutes(1), CancellationToken.None))
                                {
                                    var before = Process.GetCurrentProcess().TotalProcessorTime;
                                    words.AddRange(session.Recognize(segment.Samples, segment.StartSeconds));
                                    cpuSeconds += (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
                                    audioSeconds += segment.DurationSeconds;
                                }
                            }

                            var transcript = string.Join(' ', words.Select(w => w.Text));
                            var result = engine.Moderate(transcript);
                            var flagged = result.Overall.Any(h => Heads.Contains(h.Class) && h.Score >= 2);
                            rows.Add((kind, voice, noisy, sentence, transcript, flagged));
                        }
                    }
                }
            }

            Console.WriteLine($"speech: {rows.Count} recordings, {audioSeconds:0.0} s of 16 kHz audio heard in {cpuSeconds:0.00} s of process CPU (PocketSphinx alone, one thread): {audioSeconds / cpuSeconds:0.0}x real time per core; with the decoder each recording loads ({loadSeconds:0.00} s): {audioSeconds / (cpuSeconds + loadSeconds):0.0}x");
            var (longSeconds, longCpu) = await HearJoinedAsync(recognizer, decoder, directory, n);
            Console.WriteLine($"speech: the {n} recordings joined, {longSeconds:0.0} s heard in 20 s segments in {longCpu:0.00} s of process CPU: {longSeconds / longCpu:0.0}x real time per core");
            foreach (var kind in new[] { "harmful", "benign" })
            {
                foreach (var noisy in new[] { false, true })
                {
                    var set = rows.Where(r => r.Kind == kind && r.Noisy == noisy).ToList();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}, {(noisy ? "pink noise" : "clean")}: flagged {set.Count(r => r.Flagged)}/{set.Count} = {set.Count(r => r.Flagged) / (double)set.Count:0.00}"));
                }
            }

            foreach (var row in rows.Where(r => !r.Noisy))
            {
                Console.WriteLine($"  {row.Kind} {row.Voice,-6} {(row.Flagged ? "FLAGGED" : "-      ")} \"{row.Sentence}\" -> \"{row.Transcript}\"");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double AudioSeconds, double CpuSeconds)> HearJoinedAsync(PocketSphinxRecognizer recognizer, AudioDecoder decoder, string directory, int count)
    {
        var joined = Path.Combine(directory, "joined.wav");
        await RunAsync("sox", [.. Enumerable.Range(0, count).Select(i => Path.Combine(directory, $"{i}.wav")), joined]);
        double audioSeconds = 0, cpuSeconds = 0;
        using var session = recognizer.Start();
        await foreach (var segment in decoder.ReadAsync(joined, 20, 3600, TimeSpan.FromMinutes(10), CancellationToken.None))
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            session.Recognize(segment.Samples, segment.StartSeconds);
            cpuSeconds += (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
            audioSeconds += segment.DurationSeconds;
        }

        return (audioSeconds, cpuSeconds);
    }

    private static async Task SayAsync(string sentence, string voice, bool noisy, string path, string directory)
    {
        var spoken = Path.Combine(directory, "spoken.wav");
        await RunAsync("espeak-ng", "-v", voice, "-s", "150", "-w", spoken, sentence);
        var clean = Path.Combine(directory, "clean.wav");
        await RunAsync("sox", spoken, "-r", "16000", "-c", "1", "-b", "16", clean);
        if (!noisy)
        {
            File.Move(clean, path);
            return;
        }

        var seconds = (new FileInfo(clean).Length - 44) / 32000.0;
        var noise = Path.Combine(directory, "noise.wav");
        await RunAsync("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", noise, "synth", seconds.ToString("0.###", CultureInfo.InvariantCulture), "pinknoise", "vol", "0.02");
        await RunAsync("sox", "-m", clean, noise, path);
    }

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
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {await errors}");
        }
    }
}
