using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Pdq;
using Microsoft.Extensions.Options;
using HiveOrleans.Grains.Tasks;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The visual model: PDQ-hashes an image, or each sampled frame of a video or GIF, and matches the hashes against
/// the project's hash banks. Every label in those banks becomes a class per frame: <c>yes_&lt;label&gt;</c> (score 1,
/// with the distance of the nearest match) when a banked hash of that label is within distance 31, else
/// <c>no_&lt;label&gt;</c> (score 0). Hashes of quality under 50 come from featureless frames and claim no match.
/// </summary>
public sealed class VisualModel(BankIndex banks, FrameSampler frames, IOptions<VisualModelOptions> options) : IModerationModel
{
    public const string Name = "hive-orleans-pdq";
    public const string Version = "pdq-banks-1";

    private readonly VisualModelOptions _options = options.Value;

    public string ModelType => ModelTypes.Visual;

    /// <summary>A stored result is stale once any of the project's banks changed, so a newly banked hash is never hidden by the cache.</summary>
    public string ResultStamp(TaskSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return $"{Version}/{banks.VersionOf(submission.HashBanks)}";
    }

    public async Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var media = input.Media ?? throw new TaskFailedException(TaskFailedException.UnsupportedMedia, "A visual project takes 'media' or 'url', and this task has neither.");
        var path = input.MediaPath ?? throw new InvalidOperationException("The media file was not provided to the model.");
        var bankNames = input.Submission.HashBanks;

        // Before the first load a silo's index is empty; answering then would report no_ for everything.
        await banks.WaitForAsync(0, _options.BankLoadWait, cancellationToken).ConfigureAwait(false);
        return media.Type == "image"
            ? await HashImageAsync(path, bankNames, cancellationToken).ConfigureAwait(false)
            : await SampleFramesAsync(path, input.Submission.FrameRate, bankNames, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ModerationOutput> HashImageAsync(string path, IReadOnlyList<string> bankNames, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        PdqResult result;
        ImageDimensions size;
        try
        {
            (result, size) = await UninterruptibleWork.RunAsync(
                () =>
                {
                    var hashed = PdqHasher.Hash(bytes, _options.MaxImagePixels);
                    using var stream = new MemoryStream(bytes, writable: false);
                    return (hashed, ImageProbe.Read(stream));
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

        return Output([Frame(0, result, bankNames)], bankNames, new MediaProbe { Width = size.Width, Height = size.Height, NumFrames = 1 });
    }

    private async Task<ModerationOutput> SampleFramesAsync(string path, double rate, IReadOnlyList<string> bankNames, CancellationToken cancellationToken)
    {
        var sampling = new FrameSamplingOptions
        {
            FramesPerSecond = rate,
            MaxFrames = _options.MaxFrames,
            MaxFramePixels = _options.MaxImagePixels,
            MaxGifFrames = _options.MaxGifFrames,
            MaxGifPixels = _options.MaxGifPixels,
            Timeout = _options.DecodeTimeout,
        };
        try
        {
            var sampled = await frames.SampleAsync(path, sampling, cancellationToken).ConfigureAwait(false);
            var entries = sampled.Frames.Select(frame => Frame(frame.TimeSeconds, frame.Result, bankNames)).ToArray();
            var probe = new MediaProbe
            {
                Width = sampled.Info.Width,
                Height = sampled.Info.Height,
                Duration = sampled.Info.DurationSeconds,
                NumFrames = entries.Length,
            };
            return Output(entries, bankNames, probe);
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

    /// <summary>A frame's hash and matches; its classes are added by <see cref="Output"/>, once every frame is matched.</summary>
    private OutputEntry Frame(double time, PdqResult result, IReadOnlyList<string> bankNames)
    {
        var trusted = result.Quality >= PdqHasher.MinimumQuality;
        var matches = trusted ? banks.Match(bankNames, result.Hash) : [];
        return new OutputEntry
        {
            Time = time,
            Classes = [],
            Pdq = new PerceptualHash(result.Hash.ToHex(), result.Quality, trusted),
            Matches = [.. matches.Select(m => new HashMatch(m.Bank, m.ContentId, m.Label, m.Distance))],
        };
    }

    /// <summary>
    /// The result, with every frame given a class per label (<see cref="BankClasses.For"/>). The labels are the
    /// banks' as they are now, after the matching, plus every matched label: a bank that gained a hash while the
    /// frames were hashed may show in a match that a label list read before it lacked.
    /// </summary>
    private ModerationOutput Output(OutputEntry[] entries, IReadOnlyList<string> bankNames, MediaProbe probe)
    {
        var labels = BankClasses.Labels(banks.Labels(bankNames), entries);
        return new()
        {
            Model = Name,
            ModelVersion = Version,
            Entries = [.. entries.Select(entry => entry with { Classes = BankClasses.For(labels, entry.Matches) })],
            Media = probe,
        };
    }
}
