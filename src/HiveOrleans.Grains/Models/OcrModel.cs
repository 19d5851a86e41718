using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Pdq;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The OCR model: reads the text of an image, or of each sampled frame of a GIF or video, with tesseract
/// (<see cref="OcrReader"/>), and moderates it with the text engine under the project's lists. Each frame's entry
/// carries Hive's <c>frame_results</c> and, as its <c>classes</c>, each text head's highest score over the frame's blocks.
/// </summary>
public sealed class OcrModel(OcrReader reader, FrameSampler frames, IOptions<OcrModelOptions> options, IOptions<VisualModelOptions> visual) : IModerationModel
{
    public const string Name = "hive-orleans-ocr";

    private readonly OcrModelOptions _options = options.Value;
    private readonly VisualModelOptions _visual = visual.Value;

    public string ModelType => ModelTypes.Ocr;

    public string ResultStamp(TaskSubmission submission) => reader.Version;

    public async Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var media = input.Media ?? throw new TaskFailedException(TaskFailedException.UnsupportedMedia, "An OCR project takes 'media' or 'url', and this task has neither.");
        var path = input.MediaPath ?? throw new InvalidOperationException("The media file was not provided to the model.");
        var languages = OcrReader.LanguagesOf(input.Submission);
        await reader.EnsureInstalledAsync(languages, cancellationToken).ConfigureAwait(false);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.TaskTimeout);
        try
        {
            var (entries, probe) = media.Type == "image"
                ? await ImageAsync(path, languages, input.Context, deadline.Token).ConfigureAwait(false)
                : await VideoAsync(path, input.Submission.FrameRate, languages, input.Context, deadline.Token).ConfigureAwait(false);
            return new ModerationOutput { Model = Name, ModelVersion = reader.Version, Entries = entries, Media = probe };
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TaskFailedException("TIMEOUT", $"Reading the text took longer than {_options.TaskTimeout.TotalSeconds:0} s.", ex);
        }
    }

    private async Task<(IReadOnlyList<OutputEntry>, MediaProbe)> ImageAsync(string path, IReadOnlyList<string> languages, ModelContext context, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        RgbImage picture;
        try
        {
            picture = await UninterruptibleWork.RunAsync(() => RgbDecoder.Decode(bytes, _visual.MaxImagePixels), _visual.DecodeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedImageException ex)
        {
            throw new TaskFailedException(TaskFailedException.UnsupportedMedia, $"The image could not be decoded: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TaskFailedException("TIMEOUT", $"Decoding the image took longer than {_visual.DecodeTimeout.TotalSeconds:0} s.", ex);
        }

        var (blocks, classes) = await reader.ReadAsync(picture, languages, context, cancellationToken).ConfigureAwait(false);
        var entry = new OutputEntry { Time = 0, Classes = classes, FrameResults = blocks };
        return ([entry], new MediaProbe { Width = picture.Width, Height = picture.Height, NumFrames = 1 });
    }

    private async Task<(IReadOnlyList<OutputEntry>, MediaProbe)> VideoAsync(
        string path, double frameRate, IReadOnlyList<string> languages, ModelContext context, CancellationToken cancellationToken)
    {
        var sampling = new FrameSamplingOptions
        {
            FramesPerSecond = frameRate,
            MaxFrames = _visual.MaxFrames,
            MaxFramePixels = _visual.MaxImagePixels,
            MaxGifFrames = _visual.MaxGifFrames,
            MaxGifPixels = _visual.MaxGifPixels,
            Timeout = _options.TaskTimeout,
            KeepPixels = true,
        };
        try
        {
            var video = await frames.OpenAsync(path, sampling, cancellationToken).ConfigureAwait(false);
            await using (video.ConfigureAwait(false))
            {
                var entries = new List<OutputEntry>();
                await foreach (var frame in video.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var (blocks, classes) = await reader.ReadAsync(frame.Pixels!, languages, context, cancellationToken).ConfigureAwait(false);
                    entries.Add(new OutputEntry { Time = frame.TimeSeconds, Classes = classes, FrameResults = blocks });
                }

                var probe = new MediaProbe { Width = video.Info.Width, Height = video.Info.Height, Duration = video.Info.DurationSeconds, NumFrames = entries.Count };
                return (entries, probe);
            }
        }
        catch (MediaDecodeException ex)
        {
            throw new TaskFailedException(TaskFailedException.UnsupportedMedia, $"The video could not be decoded: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TaskFailedException("TIMEOUT", $"Decoding the video took longer than {_options.TaskTimeout.TotalSeconds:0} s.", ex);
        }
    }
}
