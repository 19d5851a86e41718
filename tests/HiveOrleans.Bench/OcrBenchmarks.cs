using System.Diagnostics;
using HiveOrleans.Grains.Models;
using HiveOrleans.Moderation.Ocr;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Tests.Ocr;

namespace HiveOrleans.Bench;

/// <summary>
/// OCR in-process, no Orleans or HTTP (issue #17 targets): the time to read and judge a 1 MP meme (decode, both
/// tesseract passes, the text engine), one read at a time, each tesseract held to one thread; and word recall over
/// the rendered test pictures (<see cref="TextPictures"/>: four layouts, two sizes, six sentences), for the reader as
/// shipped and for each preprocessing step alone. Run: <c>dotnet run -c Release --project tests/HiveOrleans.Bench -- ocr</c>.
/// </summary>
internal static class OcrBenchmarks
{
    private const int TimedRuns = 10;

    private static readonly string[][] Sentences =
    [
        ["see you tonight", "I will kill you"],
        ["happy birthday to my", "wonderful little sister"],
        ["when the wifi drops", "during the final exam"],
        ["nobody expects the", "spanish inquisition"],
        ["meet me after school", "you are going to regret it"],
        ["this is fine", "everything is under control"],
    ];

    private static readonly (int Width, int Height)[] Sizes = [(1000, 1000), (400, 300)];

    public static async Task RunAsync()
    {
        Console.WriteLine($"OCR, in-process, tesseract {TesseractVersion()} one thread per read; load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        var tesseract = new TesseractOcr();
        var reader = new OcrReader(tesseract, new TextEngine());

        var meme = RgbDecoder.Decode(TextPictures.Png(TextPictures.Layout.Meme, Sentences[0]));
        await reader.ReadAsync(meme, OcrReader.DefaultLanguages, ModelContext.Empty, CancellationToken.None);
        var times = new List<double>();
        for (var i = 0; i < TimedRuns; i++)
        {
            var png = TextPictures.Png(TextPictures.Layout.Meme, Sentences[0]);
            var started = Stopwatch.GetTimestamp();
            await reader.ReadAsync(RgbDecoder.Decode(png), OcrReader.DefaultLanguages, ModelContext.Empty, CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"1000×1000 meme PNG, decode + read + judge, {TimedRuns} runs: median {times[TimedRuns / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms");

        var variants = new (string Name, OcrPreprocessing? Steps)[]
        {
            ("as shipped (grey, then the meme mask pass when it reads more)", null),
            ("grey only", OcrPreprocessing.None),
            ("upscale only", OcrPreprocessing.None with { UpscaleBelow = 1000 }),
            ("invert only", OcrPreprocessing.None with { InvertDark = true }),
            ("binarise only", OcrPreprocessing.None with { Binarise = true }),
            ("upscale + invert + binarise", new OcrPreprocessing(1000, true, true)),
            ("meme mask alone (enlarged under 1000 px)", OcrPreprocessing.Meme),
            ("meme mask alone, not enlarged", OcrPreprocessing.Meme with { UpscaleBelow = 0 }),
        };
        Console.WriteLine($"| preprocessing | {string.Join(" | ", TextPictures.All.SelectMany(l => Sizes.Select(s => $"{l} {s.Width}×{s.Height}")))} | all |");
        Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---|", (TextPictures.All.Length * Sizes.Length) + 1))}");
        foreach (var (name, steps) in variants)
        {
            var cells = new List<string>();
            int found = 0, total = 0;
            foreach (var layout in TextPictures.All)
            {
                foreach (var (width, height) in Sizes)
                {
                    int cellFound = 0, cellTotal = 0;
                    foreach (var lines in Sentences)
                    {
                        var picture = RgbDecoder.Decode(TextPictures.Png(layout, lines, width, height));
                        var text = steps is null
                            ? (await reader.ReadAsync(picture, OcrReader.DefaultLanguages, ModelContext.Empty, CancellationToken.None)).Blocks.Select(b => b.BlockText)
                            : (await tesseract.ReadAsync(OcrPicture.From(picture, steps), OcrReader.DefaultLanguages, CancellationToken.None)).Select(b => b.Text);
                        var expected = TextPictures.Words(lines);
                        var recall = TextPictures.Recall(expected, text.SelectMany(t => t.Split([' ', '\n'])));
                        cellFound += (int)Math.Round(recall * expected.Count);
                        cellTotal += expected.Count;
                    }

                    cells.Add($"{(double)cellFound / cellTotal:0.00}");
                    found += cellFound;
                    total += cellTotal;
                }
            }

            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} | {(double)found / total:0.000} |");
        }
    }

    private static string TesseractVersion()
    {
        using var process = Process.Start(new ProcessStartInfo("tesseract", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var first = process.StandardOutput.ReadLine() ?? process.StandardError.ReadLine() ?? "?";
        process.WaitForExit();
        return first.Trim();
    }
}
