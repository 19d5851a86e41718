using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Grains.Models.Registered;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Pdq;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The visual model: runs a project's chosen <see cref="VisualModels"/> on an image, or on each sampled frame of a
/// video or GIF, and gives every frame the classes of each, NSFW head first. <c>nsfw</c>: the built-in classifier
/// (<see cref="NsfwClassifier"/>), frames batched into one inference at a time. <c>hash_banks</c>: PDQ-hashes the
/// frame and matches it against the project's banks; every label in them becomes a class, <c>yes_&lt;label&gt;</c>
/// (score 1, with the distance of the nearest match) when a banked hash of that label is within distance 31, else
/// <c>no_&lt;label&gt;</c> (score 0). A bank set to match transforms is searched with the frame's eight dihedral hashes,
/// so turned and mirrored copies match too. Hashes of quality under 50 come from featureless frames and claim no match.
/// <c>ocr</c>: tesseract reads each frame's text and the text engine judges it (<see cref="OcrReader"/>): the frame gets
/// Hive's OCR <c>frame_results</c> beside its classes, which stay the visual models' (no text heads among them).
/// Any other name is an operator-registered model (<see cref="RegisteredModels"/>): its head's classes follow the
/// NSFW head's, in the order chosen.
/// </summary>
public sealed class VisualModel(BankIndex banks, FrameSampler frames, NsfwClassifier nsfw, RegisteredModels registered, OcrReader ocr, IOptions<VisualModelOptions> options) : IModerationModel
{
    /// <summary>The model's name when a project runs its banks alone, as before it could choose.</summary>
    public const string Name = "hive-orleans-pdq";

    /// <summary>The bank matcher's version: 2 matches turned and mirrored media in banks set to, and says which transform matched.</summary>
    public const string Version = "pdq-banks-2";

    /// <summary>The model's name when the NSFW classifier runs; its version names each model's (<c>+</c>-joined).</summary>
    public const string CombinedName = "hive-orleans-visual";

    /// <summary>Frames of a video classified in one inference: enough to amortize a run, few enough to bound the pixels held.</summary>
    public const int VideoBatch = 8;

    /// <summary>Stands for the hash of an image whose project does not match banks; never read.</summary>
    private static readonly PdqResult Unhashed = new(new PdqHash(0, 0, 0, 0), 0);

    private readonly VisualModelOptions _options = options.Value;

    public string ModelType => ModelTypes.Visual;

    /// <summary>
    /// Each chosen model's version, and the banks' when they are matched: a stored result is stale once the
    /// classifier's weights or any of the project's banks changed, so a newly banked hash is never hidden by the cache.
    /// </summary>
    public string ResultStamp(TaskSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var (useNsfw, useBanks) = Chosen(submission);
        var bankStamp = $"{Version}/{banks.VersionOf(submission.HashBanks)}";
        var stamp = useNsfw ? $"{nsfw.Version}" + (useBanks ? "+" + bankStamp : "") : useBanks ? bankStamp : "";
        return ReadsText(submission) ? (stamp.Length > 0 ? stamp + "+" : "") + ocr.Version : stamp;
    }

    /// <summary>
    /// <see cref="ResultStamp"/> with each chosen registered model's current version between the NSFW classifier's
    /// and the banks': a re-registered model (new file, mapping or server) never reuses results of the old one.
    /// </summary>
    /// <exception cref="ModelUnavailableException">A chosen registered model was deleted.</exception>
    public async ValueTask<string> ResultStampAsync(TaskSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var names = RegisteredNames(submission);
        if (names.Count == 0)
        {
            return ResultStamp(submission);
        }

        var (useNsfw, useBanks) = Chosen(submission);
        var parts = new List<string>();
        if (useNsfw)
        {
            parts.Add(nsfw.Version);
        }

        foreach (var name in names)
        {
            parts.Add((await registered.DetailsAsync(name, cancellationToken).ConfigureAwait(false)).Version);
        }

        if (useBanks)
        {
            parts.Add($"{Version}/{banks.VersionOf(submission.HashBanks)}");
        }

        if (ReadsText(submission))
        {
            parts.Add(ocr.Version);
        }

        return string.Join('+', parts);
    }

    public async Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var media = input.Media ?? throw new TaskFailedException(TaskFailedException.UnsupportedMedia, "A visual project takes 'media' or 'url', and this task has neither.");
        var path = input.MediaPath ?? throw new InvalidOperationException("The media file was not provided to the model.");

        // Loaded before decoding, so a model that cannot run here fails the task at once, with the reason.
        var runs = new List<VisualRun.RegisteredRun>();
        foreach (var name in RegisteredNames(input.Submission))
        {
            var details = await registered.DetailsAsync(name, cancellationToken).ConfigureAwait(false);
            runs.Add(new VisualRun.RegisteredRun(details, await registered.ScorerAsync(details, cancellationToken).ConfigureAwait(false)));
        }

        var readsText = ReadsText(input.Submission);
        if (readsText)
        {
            await ocr.EnsureInstalledAsync(OcrReader.LanguagesOf(input.Submission), cancellationToken).ConfigureAwait(false);
        }

        var run = new VisualRun(input.Submission, Chosen(input.Submission), runs, readsText ? ocr : null, input.Context);

        // Before the first load a silo's index is empty; answering then would report no_ for everything.
        if (run.Models.Banks)
        {
            await banks.WaitForAsync(0, _options.BankLoadWait, cancellationToken).ConfigureAwait(false);
        }

        // Fails now, with the reason, if the classifier cannot run here, rather than after decoding.
        var version = run.Models.Nsfw ? nsfw.Version : null;
        return media.Type == "image"
            ? await ImageAsync(path, run, version, cancellationToken).ConfigureAwait(false)
            : await VideoAsync(path, run, version, cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> RegisteredNames(TaskSubmission submission) => VisualModels.Registered(submission.VisualModels);

    private static bool ReadsText(TaskSubmission submission) => VisualModels.Effective(submission.VisualModels, submission.HashBanks).Contains(VisualModels.Ocr);

    private static (bool Nsfw, bool Banks) Chosen(TaskSubmission submission)
    {
        var models = VisualModels.Effective(submission.VisualModels, submission.HashBanks);
        return (models.Contains(VisualModels.Nsfw), models.Contains(VisualModels.HashBanks));
    }

    private async Task<ModerationOutput> ImageAsync(string path, VisualRun run, string? nsfwVersion, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        (PdqResult? Hash, RgbImage? Pixels, ImageDimensions Size) decoded;
        try
        {
            decoded = await UninterruptibleWork.RunAsync(
                () =>
                {
                    // All eight: whether a bank matches transforms is read at matching time, from each bank.
                    var hashed = run.Models.Banks ? PdqHasher.HashDihedral(bytes, _options.MaxImagePixels) : null;
                    var pixels = run.NeedsPixels ? RgbDecoder.Decode(bytes, _options.MaxImagePixels) : null;
                    using var stream = new MemoryStream(bytes, writable: false);
                    return (hashed, pixels, ImageProbe.Read(stream));
                },
                _options.DecodeTimeout,
                cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedImageException ex)
        {
            throw new TaskFailedException(TaskFailedException.UnsupportedMedia, $"The image could not be decoded: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TaskFailedException("TIMEOUT", $"Decoding the image took longer than {_options.DecodeTimeout.TotalSeconds:0} s.", ex);
        }

        await run.AddAsync([new FrameHash(0, decoded.Hash ?? Unhashed, decoded.Pixels)], nsfw, banks, cancellationToken).ConfigureAwait(false);
        return Output(run, nsfwVersion, new MediaProbe { Width = decoded.Size.Width, Height = decoded.Size.Height, NumFrames = 1 });
    }

    private async Task<ModerationOutput> VideoAsync(string path, VisualRun run, string? nsfwVersion, CancellationToken cancellationToken)
    {
        var sampling = new FrameSamplingOptions
        {
            FramesPerSecond = run.Submission.FrameRate,
            MaxFrames = _options.MaxFrames,
            MaxFramePixels = _options.MaxImagePixels,
            MaxGifFrames = _options.MaxGifFrames,
            MaxGifPixels = _options.MaxGifPixels,
            Timeout = _options.DecodeTimeout,
            KeepPixels = run.NeedsPixels,
        };
        try
        {
            var video = await frames.OpenAsync(path, sampling, cancellationToken).ConfigureAwait(false);
            await using (video.ConfigureAwait(false))
            {
                // Frames are classified as they come, a batch at a time, so the pixels held stay at one batch's.
                var batch = new List<FrameHash>(VideoBatch);
                await foreach (var frame in video.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    batch.Add(frame);
                    if (batch.Count == VideoBatch)
                    {
                        await run.AddAsync(batch, nsfw, banks, cancellationToken).ConfigureAwait(false);
                        batch.Clear();
                    }
                }

                await run.AddAsync(batch, nsfw, banks, cancellationToken).ConfigureAwait(false);
                var probe = new MediaProbe
                {
                    Width = video.Info.Width,
                    Height = video.Info.Height,
                    Duration = video.Info.DurationSeconds,
                    NumFrames = run.Frames.Count,
                };
                return Output(run, nsfwVersion, probe);
            }
        }
        catch (MediaDecodeException ex)
        {
            throw new TaskFailedException(TaskFailedException.UnsupportedMedia, $"The video could not be decoded: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TaskFailedException("TIMEOUT", $"Decoding the video took longer than {_options.DecodeTimeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>
    /// The result, each frame's NSFW classes followed by a class per bank label (<see cref="BankClasses.For"/>). The
    /// labels are the banks' as they are now, after the matching, plus every matched label: a bank that gained a hash
    /// while the frames were hashed may show in a match that a label list read before it lacked.
    /// </summary>
    private ModerationOutput Output(VisualRun run, string? nsfwVersion, MediaProbe probe)
    {
        var labels = run.Models.Banks ? BankClasses.Labels(banks.Labels(run.Submission.HashBanks), run.Frames) : [];
        var entries = run.Frames.Select(entry => entry with
        {
            Classes = [.. entry.Classes, .. run.Models.Banks ? BankClasses.For(labels, entry.Matches) : []],
        });
        var versions = new List<string>();
        if (nsfwVersion is not null)
        {
            versions.Add(nsfwVersion);
        }

        versions.AddRange(run.Registered.Select(model => model.Details.Version));
        if (run.Models.Banks)
        {
            versions.Add(Version);
        }

        if (run.ReadsText)
        {
            versions.Add(ocr.Version);
        }

        return new()
        {
            Model = nsfwVersion is null && run.Registered.Count == 0 && !run.ReadsText ? Name : CombinedName,
            ModelVersion = string.Join('+', versions),
            Entries = [.. entries],
            Media = probe,
        };
    }
}
