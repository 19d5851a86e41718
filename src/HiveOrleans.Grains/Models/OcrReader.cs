using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Ocr;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// Reads the text of one picture with tesseract and moderates each block with the text engine under the project's
/// lists: what an <c>ocr</c> project reports per frame, and what a visual project running <c>"ocr"</c> adds to its frames.
/// </summary>
public sealed class OcrReader(TesseractOcr tesseract, TextEngine engine)
{
    // Between these shares of bright ink a picture gets the meme pass: below, no white text worth a second reading;
    // above, a white page, whose black text the first pass read.
    private const double MinMemeInk = 0.002;
    private const double MaxMemeInk = 0.3;

    /// <summary>The default <c>ocr_languages</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultLanguages = ["eng"];

    /// <summary>This reader's part of a result's version: tesseract's reading with these preprocessing steps, then the text engine's.</summary>
    public string Version => $"tesseract-5-ocr-1+{engine.ModelVersion}";

    /// <summary>The languages a submission reads: its project's, else English.</summary>
    public static IReadOnlyList<string> LanguagesOf(TaskSubmission submission) =>
        submission.OcrLanguages.Count > 0 ? submission.OcrLanguages : DefaultLanguages;

    /// <summary>
    /// Fails the task at once, naming the Debian package to install, when tesseract or one of the languages is missing
    /// on this silo (a project's languages are checked when set, but silos may differ).
    /// </summary>
    public async Task EnsureInstalledAsync(IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        IReadOnlySet<string> installed;
        try
        {
            installed = await tesseract.LanguagesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MediaToolNotFoundException ex)
        {
            throw new ModelUnavailableException($"OCR needs tesseract on every silo: {ex.Message}.");
        }

        var missing = languages.Where(language => !installed.Contains(language)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelUnavailableException(
                $"OCR language(s) {string.Join(", ", missing)} are not installed on this silo; install the Debian package(s) {string.Join(", ", missing.Select(TesseractOcr.LanguagePackage))}.");
        }
    }

    /// <summary>How much a reading says: letters weighted by tesseract's confidence, counting only words it trusts.</summary>
    private static double Confidence(IReadOnlyList<OcrBlock> blocks) =>
        blocks.SelectMany(block => block.Words).Where(word => word.Confidence >= 0.6).Sum(word => word.Confidence * word.Text.Count(char.IsLetterOrDigit));

    /// <summary>The picture's text blocks, each moderated, and the frame's classes: per head, the highest over its blocks.</summary>
    public async Task<(IReadOnlyList<OcrFrameResult> Blocks, ClassScore[] Classes)> ReadAsync(
        RgbImage picture, IReadOnlyList<string> languages, ModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<OcrBlock> blocks;
        try
        {
            blocks = await tesseract.ReadAsync(OcrPicture.From(picture, OcrPreprocessing.Default), languages, cancellationToken).ConfigureAwait(false);

            // A picture with some white, unsaturated pixels may be a meme: its outlined white capitals are read again
            // with the photo masked out, and the reading with more confident letters is kept.
            var ink = OcrPicture.BrightInkShare(picture);
            if (ink is >= MinMemeInk and <= MaxMemeInk)
            {
                var masked = await tesseract.ReadAsync(OcrPicture.From(picture, OcrPreprocessing.Meme), languages, cancellationToken).ConfigureAwait(false);
                if (Confidence(masked) > Confidence(blocks))
                {
                    blocks = masked;
                }
            }
        }
        catch (MediaToolNotFoundException ex)
        {
            throw new ModelUnavailableException($"OCR needs tesseract on every silo: {ex.Message}.");
        }
        catch (MediaDecodeException ex)
        {
            throw new TaskFailedException(TaskFailedException.ModelFailed, ex.Message, ex);
        }

        var results = new List<OcrFrameResult>(blocks.Count);
        var highest = new Dictionary<string, double>(StringComparer.Ordinal);
        var start = 0;
        foreach (var block in blocks)
        {
            // A meme's threat is often split over lines ("I WILL / KILL YOU"): the engine reads the block as one line,
            // which keeps every index, as a space replaces each newline.
            var moderated = engine.Moderate(block.Text.Replace('\n', ' '), context.TextLists);
            foreach (var head in moderated.Overall)
            {
                highest[head.Class] = Math.Max(highest.GetValueOrDefault(head.Class), head.Score);
            }

            results.Add(new OcrFrameResult
            {
                Language = moderated.Language,
                BlockText = block.Text,
                StartCharIndex = start,
                EndCharIndex = start + block.Text.Length,
                Classes = [.. moderated.Overall.Select(head => new ClassScore(head.Class, head.Score))],
                TextFilters = [.. moderated.TextFilters.Select(hit => new TextMatch(hit.Value, hit.StartIndex, hit.EndIndex, hit.Type))],
                PiiEntities = [.. moderated.PiiEntities.Select(pii => new TextMatch(pii.Value, pii.StartIndex, pii.EndIndex, pii.Type))],
                CustomClasses = moderated.CustomClasses,
                Words = [.. block.Words.Select(word => new OcrBox(word.Left, word.Top, word.Left + word.Width, word.Top + word.Height, word.Confidence))],
            });
            start += block.Text.Length + 1;
        }

        ClassScore[] classes = results.Count > 0
            ? [.. highest.Select(head => new ClassScore(head.Key, head.Value))]
            : [.. engine.Moderate("", context.TextLists).Overall.Select(head => new ClassScore(head.Class, head.Score))];
        return (results, classes);
    }
}
