using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Speech;
using HiveOrleans.Moderation.Text;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// The speech model: ffmpeg decodes the audio (or a video's sound track) to 16 kHz mono, a recogniser turns each
/// segment into words, in order, and the text engine moderates each segment's transcript with the project's lists.
/// One output entry per segment, Hive's speech shape: <c>transcript</c> and its <c>classifications</c> (sentences with
/// their times), plus the segment's overall <c>classes</c> so <c>output[0].classes</c> is always there. The response's
/// <c>text_filters</c> and <c>pii_entities</c> index into the whole transcript: the segments' joined by one space.
/// </summary>
public sealed class SpeechModel(TextEngine engine, AudioDecoder decoder, SpeechRecognizers recognizers, IOptions<SpeechModelOptions> options) : IModerationModel
{
    private readonly SpeechModelOptions _options = options.Value;

    public string ModelType => ModelTypes.Speech;

    /// <summary>A result is stale once the recogniser or the text engine changed.</summary>
    public string ResultStamp(TaskSubmission submission) => $"{recognizers.Version}+{engine.ModelVersion}";

    public async Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var path = input.MediaPath ?? throw new TaskFailedException(TaskFailedException.UnsupportedMedia, "A speech project takes 'media' or 'url', and this task has neither.");
        ISpeechRecognizer recognizer;
        try
        {
            recognizer = recognizers.Current;
        }
        catch (SpeechModelUnavailableException ex)
        {
            throw new TaskFailedException(TaskFailedException.ModelFailed, ex.Message, ex);
        }

        var entries = new List<OutputEntry>();
        var duration = 0.0;
        try
        {
            // Only for the progress shown while it runs: what decodes is what counts.
            var total = input.Progress is null ? null : await decoder.DurationAsync(path, cancellationToken).ConfigureAwait(false);
            using var session = recognizer.Start();
            await foreach (var segment in decoder.ReadAsync(path, _options.SegmentSeconds, _options.MaxSeconds, _options.Timeout, cancellationToken).ConfigureAwait(false))
            {
                var words = session.Recognize(segment.Samples, segment.StartSeconds);
                entries.Add(Segment(segment.StartSeconds, words, input.Context));
                duration = segment.StartSeconds + segment.DurationSeconds;
                input.Progress?.Report(new TaskProgress
                {
                    Unit = "seconds",
                    Done = Math.Round(duration, 1),
                    Total = total is { } seconds ? Math.Round(Math.Min(seconds, _options.MaxSeconds), 1) : null,
                });
            }
        }
        catch (MediaDecodeException ex)
        {
            throw new TaskFailedException(TaskFailedException.UnsupportedMedia, $"The audio could not be decoded: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TaskFailedException("TIMEOUT", ex.Message, ex);
        }

        var whole = engine.Moderate(string.Join(' ', entries.Select(entry => entry.Transcript)), input.Context.TextLists);
        return new ModerationOutput
        {
            Model = recognizer.Name,
            ModelVersion = ResultStamp(input.Submission),
            Entries = entries,
            TextFilters = [.. whole.TextFilters.Select(hit => new TextMatch(hit.Value, hit.StartIndex, hit.EndIndex, hit.Type))],
            PiiEntities = [.. whole.PiiEntities.Select(pii => new TextMatch(pii.Value, pii.StartIndex, pii.EndIndex, pii.Type))],
            Language = whole.Language,
            ModeratedClasses = whole.ModeratedClasses,
            CustomClasses = whole.CustomClasses,
            Media = new MediaProbe { Duration = Math.Round(duration, 3), NumFrames = entries.Count },
        };
    }

    /// <summary>One segment's entry: its words joined, moderated, each sentence timed by the words it covers.</summary>
    private OutputEntry Segment(double start, IReadOnlyList<RecognizedWord> words, ModelContext context)
    {
        var starts = new int[words.Count];
        var transcript = new System.Text.StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                transcript.Append(' ');
            }

            starts[i] = transcript.Length;
            transcript.Append(words[i].Text);
        }

        var text = transcript.ToString();
        var result = engine.Moderate(text, context.TextLists);
        var classifications = new List<SpeechClassification>(result.Spans.Count);
        foreach (var span in result.Spans)
        {
            var covered = Enumerable.Range(0, words.Count)
                .Where(i => starts[i] < span.EndCharIndex && starts[i] + words[i].Text.Length > span.StartCharIndex)
                .ToArray();
            classifications.Add(new SpeechClassification
            {
                Text = text[span.StartCharIndex..span.EndCharIndex],
                Classes = TextModel.ToScores(span.Classes),
                StartTimestamp = covered.Length > 0 ? Math.Round(words[covered[0]].StartSeconds, 2) : start,
                EndTimestamp = covered.Length > 0 ? Math.Round(words[covered[^1]].EndSeconds, 2) : start,
                StartCharIndex = span.StartCharIndex,
                EndCharIndex = span.EndCharIndex,
            });
        }

        return new OutputEntry
        {
            Time = Math.Round(start, 3),
            Classes = TextModel.ToScores(result.Overall),
            Transcript = text,
            Classifications = classifications,
        };
    }
}
