using System.Globalization;
using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// Writes Hive's Task object. It is part of the contract, not of one component: the gateway answers GET and sync
/// requests with it and callback delivery POSTs it, and both must send the same bytes for the same task.
/// </summary>
/// <remarks>
/// Written by hand with <see cref="Utf8JsonWriter"/>, unlike the records of <see cref="WireJsonContext"/>: it is the
/// hot path (every poll, sync answer and callback), it is built straight from <see cref="TaskSnapshot"/> with no
/// document object in between, and its shape (raw JSON metadata, paged output, fields present only for some
/// entries) would need custom converters anyway. Times use the same format as the records' (<see cref="FormatTime"/>).
/// </remarks>
public static class TaskDocument
{
    /// <summary>How many output entries a page holds unless the caller says otherwise.</summary>
    public const int DefaultFrameLimit = 200;

    /// <summary>
    /// Writes the Task object for <paramref name="task"/>; <paramref name="frameOffset"/> and <paramref name="frameLimit"/>
    /// page the output entries. <paramref name="history"/>, when given, is written last as <c>history</c> (ours, asked for).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, TaskSnapshot task, int frameOffset = 0, int frameLimit = DefaultFrameLimit, IReadOnlyList<TaskHistoryEntry>? history = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(task);
        var submission = task.Submission;
        var id = task.TaskId.ToString();

        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("task_id", id);
        writer.WriteNumber("project_id", submission.ProjectId);
        writer.WriteNumber("user_id", submission.UserId);
        WriteMetadata(writer, submission);
        writer.WriteString("callback", submission.CallbackUrl);
        writer.WriteString("created_on", FormatTime(submission.SubmittedOn));
        writer.WriteNumber("code", 200);

        writer.WriteStartArray("status");
        writer.WriteStartObject();
        writer.WriteStartObject("status");
        var (code, message) = StatusOf(task);
        writer.WriteString("code", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        WriteResponse(writer, task, frameOffset, frameLimit);
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteBoolean("from_cache", task.FromCache);
        var callback = task.Callback;
        if (callback?.ResentOn is { } resentOn)
        {
            writer.WriteString("resent_on", FormatTime(resentOn));
            writer.WriteString("resent_by", callback.ResentBy);
        }
        else
        {
            writer.WriteNull("resent_on");
            writer.WriteNull("resent_by");
        }
        if (task.Phase == TaskPhase.Failed)
        {
            writer.WriteStartObject("error");
            writer.WriteString("code", task.ErrorCode);
            writer.WriteString("message", task.ErrorMessage);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("error");
        }

        WriteReview(writer, task);
        WriteProgress(writer, task);
        WriteCallbackExtension(writer, task);
        if (history is not null)
        {
            TaskHistoryDocument.Write(writer, history);
        }

        writer.WriteEndObject();
    }

    /// <summary>Ours: <c>progress</c> while a model that reports it runs (<see cref="TaskProgressDocument"/>); absent otherwise.</summary>
    private static void WriteProgress(Utf8JsonWriter writer, TaskSnapshot task)
    {
        if (task.Progress is not { } progress)
        {
            return;
        }

        writer.WriteStartObject("progress");
        writer.WriteString("unit", progress.Unit);
        writer.WriteNumber("done", progress.Done);
        if (progress.Total is { } total)
        {
            writer.WriteNumber("total", total);
        }
        else
        {
            writer.WriteNull("total");
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A manual-review project's tasks carry <c>review</c>: null while waiting and when the model's answer was final,
    /// else how review ended. Model-only projects' tasks have no such field, as Hive's do not.
    /// </summary>
    private static void WriteReview(Utf8JsonWriter writer, TaskSnapshot task)
    {
        if (task.Review is not { } review)
        {
            if (task.Submission.Review is not null)
            {
                writer.WriteNull("review");
            }

            return;
        }

        writer.WriteStartObject("review");
        WriteDecision(writer, review);

        writer.WriteString("decided_on", FormatTime(review.DecidedOn));
        writer.WriteString("queue", review.Queue);
        writer.WriteEndObject();
    }

    /// <summary>A review's decision, labels, reason and reviewer: in <c>review</c>, and in a review's entry of <c>history</c>.</summary>
    internal static void WriteDecision(Utf8JsonWriter writer, TaskReview review)
    {
        writer.WriteString("decision", review.Decision);
        writer.WriteStartArray("labels");
        foreach (var label in review.Labels)
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
        writer.WriteString("reason", review.Reason);
        if (review.ReviewerId is { } reviewer)
        {
            writer.WriteNumber("reviewer_id", reviewer);
        }
        else
        {
            writer.WriteNull("reviewer_id");
        }
    }

    /// <summary>The Task object as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8Bytes(TaskSnapshot task, int frameOffset = 0, int frameLimit = DefaultFrameLimit)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            Write(writer, task, frameOffset, frameLimit);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The wire status code and message of a task: <c>"0"</c>/<c>SUCCESS</c> when done, the phase while running, the error code on failure.</summary>
    public static (string Code, string Message) StatusOf(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Phase switch
        {
            TaskPhase.Succeeded => ("0", "SUCCESS"),
            TaskPhase.Pending => ("PENDING", "The task is queued."),
            TaskPhase.Processing => ("PROCESSING", "The task is being processed."),
            TaskPhase.AwaitingReview => ("AWAITING_REVIEW", "The task is waiting for a reviewer."),
            _ => (task.ErrorCode ?? "FAILED", task.ErrorMessage ?? "The task failed."),
        };
    }

    /// <summary>Times on the wire: ISO 8601 in UTC with milliseconds.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(WireTimeConverter.Format, CultureInfo.InvariantCulture);

    /// <summary>Ours, not Hive's: how delivery of the callback stands, attempt by attempt.</summary>
    private static void WriteCallbackExtension(Utf8JsonWriter writer, TaskSnapshot task)
    {
        var callback = task.Callback;
        if (task.Submission.CallbackUrl is null)
        {
            writer.WriteNull("callback_succeeded");
        }
        else
        {
            writer.WriteBoolean("callback_succeeded", callback?.Succeeded == true);
        }

        writer.WriteStartArray("callback_attempts");
        foreach (var attempt in callback?.History ?? [])
        {
            writer.WriteStartObject();
            writer.WriteNumber("attempt", attempt.Attempt);
            writer.WriteString("time", FormatTime(attempt.At));
            if (attempt.StatusCode is { } status)
            {
                writer.WriteNumber("status_code", status);
            }
            else
            {
                writer.WriteNull("status_code");
            }

            writer.WriteString("error", attempt.Error);
            writer.WriteNumber("duration_ms", Math.Round(attempt.Duration.TotalMilliseconds, 1));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("callback_next_attempt", callback?.NextAttemptOn is { } next ? FormatTime(next) : null);
        writer.WriteString("callback_stopped", callback?.StoppedReason);
    }

    private static void WriteMetadata(Utf8JsonWriter writer, TaskSubmission submission)
    {
        if (submission.Metadata is null)
        {
            writer.WriteNull("metadata");
        }
        else if (submission.MetadataIsJson)
        {
            writer.WritePropertyName("metadata");
            writer.WriteRawValue(submission.Metadata, skipInputValidation: false);
        }
        else
        {
            writer.WriteString("metadata", submission.Metadata);
        }
    }

    private static void WriteResponse(Utf8JsonWriter writer, TaskSnapshot task, int frameOffset, int frameLimit)
    {
        var submission = task.Submission;
        var output = task.Output;
        writer.WriteStartObject("response");

        writer.WriteStartObject("input");
        writer.WriteString("id", task.TaskId.ToString());
        writer.WriteString("hash", task.InputHash);
        writer.WriteString("model", output?.Model);
        writer.WriteString("model_type", submission.ModelType);
        writer.WriteString("model_version", output?.ModelVersion);
        writer.WriteString("text", submission.TextData);
        writer.WriteString("created_on", FormatTime(submission.SubmittedOn));
        writer.WriteNumber("user_id", submission.UserId);
        writer.WriteNumber("project_id", submission.ProjectId);
        writer.WriteNumber("charge", task.Charge);
        WriteMedia(writer, task);
        writer.WriteString("inference_client_version", InferenceClientVersion);
        writer.WriteNumber("config_version", submission.ConfigVersion);
        writer.WriteString("config_tag", submission.ConfigTag);
        writer.WriteEndObject();

        writer.WriteStartArray("output");
        if (output is not null)
        {
            var start = Math.Clamp(frameOffset, 0, output.Entries.Count);
            var end = (int)Math.Min(output.Entries.Count, (long)start + Math.Max(frameLimit, 0));
            for (var i = start; i < end; i++)
            {
                WriteEntry(writer, output.Entries[i]);
            }
        }

        writer.WriteEndArray();

        WriteMatches(writer, "text_filters", output?.TextFilters ?? []);
        WriteMatches(writer, "pii_entities", output?.PiiEntities ?? []);
        writer.WriteStartArray("custom_classes");
        foreach (var custom in output?.CustomClasses ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("class", custom);
            writer.WriteNumber("score", 3);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("language", output?.Language);
        writer.WriteStartArray("moderated_classes");
        foreach (var moderated in output?.ModeratedClasses ?? [])
        {
            writer.WriteStringValue(moderated);
        }

        writer.WriteEndArray();
        FrameSummary.Write(writer, output);
        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, OutputEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteNumber("time", entry.Time);
        writer.WriteStartArray("classes");
        foreach (var score in entry.Classes)
        {
            writer.WriteStartObject();
            writer.WriteString("class", score.Class);
            writer.WriteNumber("score", score.Score);
            if (score.Distance is { } distance)
            {
                writer.WriteNumber("distance", distance);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (entry.StartCharIndex is { } startChar)
        {
            writer.WriteNumber("start_char_index", startChar);
        }

        if (entry.EndCharIndex is { } endChar)
        {
            writer.WriteNumber("end_char_index", endChar);
        }

        if (entry.Transcript is { } transcript)
        {
            SpeechEntry.Write(writer, transcript, entry.Classifications);
        }

        if (entry.Pdq is { } pdq)
        {
            // Ours, not Hive's: the frame's perceptual hash and the bank entries behind its yes_ classes.
            writer.WriteStartObject("pdq");
            writer.WriteString("hash", pdq.Hash);
            writer.WriteNumber("quality", pdq.Quality);
            writer.WriteBoolean("trusted", pdq.Trusted);
            writer.WriteEndObject();
            writer.WriteStartArray("matches");
            foreach (var match in entry.Matches)
            {
                writer.WriteStartObject();
                writer.WriteString("bank", match.Bank);
                writer.WriteString("content_id", match.ContentId);
                writer.WriteString("label", match.Label);
                writer.WriteNumber("distance", match.Distance);
                writer.WriteString("transform", match.Transform);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (entry.FrameResults is { } blocks)
        {
            OcrFrameResultsDocument.Write(writer, blocks);
        }

        writer.WriteEndObject();
    }

    /// <summary>Hive's <c>input.media</c>: null for text; for media, what was stored and what the model saw in it.</summary>
    private static void WriteMedia(Utf8JsonWriter writer, TaskSnapshot task)
    {
        var media = task.Media;
        if (media is null && task.Submission.Url is null)
        {
            writer.WriteNull("media");
            return;
        }

        var probe = task.Output?.Media;
        writer.WriteStartObject("media");
        writer.WriteString("type", media?.Type);
        writer.WriteString("mimetype", media?.MimeType);
        writer.WriteString("filename", media?.FileName);
        writer.WriteString("url", task.Submission.Url);
        WriteNumberOrNull(writer, "duration", probe?.Duration);
        WriteNumberOrNull(writer, "width", probe?.Width);
        WriteNumberOrNull(writer, "height", probe?.Height);
        WriteNumberOrNull(writer, "num_frames", probe?.NumFrames);
        if (media is not null)
        {
            writer.WriteNumber("size", media.Length);
        }
        else
        {
            writer.WriteNull("size");
        }

        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Filter, blocklist or PII hits as Hive writes them: <c>[{value, start_index, end_index, type}]</c>.</summary>
    internal static void WriteMatches(Utf8JsonWriter writer, string name, IReadOnlyList<TextMatch> matches)
    {
        writer.WriteStartArray(name);
        foreach (var match in matches)
        {
            writer.WriteStartObject();
            writer.WriteString("value", match.Value);
            writer.WriteNumber("start_index", match.StartIndex);
            writer.WriteNumber("end_index", match.EndIndex);
            writer.WriteString("type", match.Type);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static readonly string InferenceClientVersion =
        typeof(TaskDocument).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
