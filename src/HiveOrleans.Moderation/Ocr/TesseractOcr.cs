using System.Collections.Concurrent;
using System.Text;
using HiveOrleans.Moderation.Media;

namespace HiveOrleans.Moderation.Ocr;

/// <summary>
/// Text recognition with the tesseract command (Debian <c>tesseract-ocr</c>), one process per picture: the picture
/// goes in on stdin as PGM, words and boxes come back as TSV. A process rather than libtesseract's C API so that a
/// picture that hangs or crashes the recogniser costs one killed child, never the silo, and the deadline is a kill,
/// as with ffmpeg. Each run is held to one thread (<c>OMP_THREAD_LIMIT=1</c>): the silo's model bound sets the parallelism.
/// </summary>
public sealed class TesseractOcr(string executable = "tesseract")
{
    /// <summary>The Debian package that installs the command.</summary>
    public const string Package = "tesseract-ocr";

    private static readonly Dictionary<string, string> SingleThread = new(StringComparer.Ordinal) { ["OMP_THREAD_LIMIT"] = "1" };

    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlySet<string>>>> _languages = new(StringComparer.Ordinal);

    public string Executable { get; } = executable;

    /// <summary>The Debian package holding a language's trained data: <c>tesseract-ocr-eng</c> for <c>eng</c>.</summary>
    public static string LanguagePackage(string language) => $"tesseract-ocr-{language.Replace('_', '-').ToLowerInvariant()}";

    /// <summary>The languages installed (<c>tesseract --list-langs</c>), read once.</summary>
    /// <exception cref="MediaToolNotFoundException">tesseract is not installed.</exception>
    public Task<IReadOnlySet<string>> LanguagesAsync(CancellationToken cancellationToken = default) =>
        _languages.GetOrAdd(Executable, _ => new Lazy<Task<IReadOnlySet<string>>>(ListLanguagesAsync)).Value.WaitAsync(cancellationToken);

    /// <summary>Recognises the text of <paramref name="picture"/> in <paramref name="languages"/> (all installed).</summary>
    /// <exception cref="MediaToolNotFoundException">tesseract is not installed.</exception>
    /// <exception cref="MediaDecodeException">tesseract failed on the picture.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the process is killed.</exception>
    public async Task<IReadOnlyList<OcrBlock>> ReadAsync(OcrPicture picture, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(languages);
        var lang = languages.Count == 0 ? "eng" : string.Join('+', languages);

        // --psm 3: automatic page segmentation without orientation detection (which needs osd and costs a second pass).
        using var tool = ToolProcess.Start("tesseract", Executable, ["stdin", "stdout", "-l", lang, "--psm", "3", "tsv"], Package, redirectInput: true, SingleThread);
        using var kill = cancellationToken.UnsafeRegister(static state => ((ToolProcess)state!).Kill(), tool);
        var reading = ReadAllAsync(tool.Output);
        try
        {
            await tool.Input.WriteAsync(picture.Pgm, cancellationToken).ConfigureAwait(false);
            await tool.Input.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // It stopped reading: it failed, and says why below.
        }
        finally
        {
            tool.Input.Close();
        }

        var tsv = await reading.ConfigureAwait(false);
        await tool.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (tool.ExitCode != 0)
        {
            throw await tool.FailureAsync("tesseract could not read the picture").ConfigureAwait(false);
        }

        return TesseractTsv.Parse(tsv, picture.Scale);
    }

    private async Task<IReadOnlySet<string>> ListLanguagesAsync()
    {
        using var tool = ToolProcess.Start("tesseract", Executable, ["--list-langs"], Package);
        var listing = await ReadAllAsync(tool.Output).ConfigureAwait(false);
        await tool.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);

        // The first line names the data directory; each further line is a language.
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("List of", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<string> ReadAllAsync(Stream output)
    {
        using var reader = new StreamReader(output, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
