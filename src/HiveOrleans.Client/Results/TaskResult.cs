using System.Text;
using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// Hive's Task object, typed: what <c>GET /api/v2/task/{id}</c> and a sync submission answer and what a callback
/// carries. Every typed part keeps the JSON it was read from (<see cref="Raw"/>), so a field this SDK does not know
/// yet is still at hand.
/// </summary>
public sealed record TaskResult
{
    /// <summary>The task id.</summary>
    public required string Id { get; init; }

    /// <summary>The project the task belongs to.</summary>
    public long ProjectId { get; init; }

    /// <summary>The project's user id.</summary>
    public long? UserId { get; init; }

    /// <summary>The caller's metadata as sent: a JSON string, or any JSON value for JSON submissions; undefined or null when none was sent.</summary>
    public JsonElement Metadata { get; init; }

    /// <summary>The metadata when it is a string (as it is for form and multipart submissions), else null.</summary>
    public string? MetadataText => Metadata.ValueKind == JsonValueKind.String ? Metadata.GetString() : null;

    /// <summary>The <c>callback_url</c> the task was submitted with.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>When the task was submitted.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>
    /// <c>status[0].status.code</c>: <c>"0"</c> when finished successfully; <c>PENDING</c>, <c>PROCESSING</c> or
    /// <c>AWAITING_REVIEW</c> while running; the failure code (<c>FETCH_FAILED</c>, …) on failure.
    /// </summary>
    public required string StatusCode { get; init; }

    /// <summary><c>status[0].status.message</c>: <c>SUCCESS</c>, or what the status means.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>Whether the task finished successfully.</summary>
    public bool Succeeded => StatusCode == "0";

    /// <summary>Whether the task has finished, successfully or not.</summary>
    public bool IsFinished => StatusCode is not ("PENDING" or "PROCESSING" or "AWAITING_REVIEW");

    /// <summary>True when the result was reused from an earlier task with the same content and configuration.</summary>
    public bool FromCache { get; init; }

    /// <summary>Why the task failed; null unless it did.</summary>
    public TaskError? Error { get; init; }

    /// <summary>For manual-review projects, how review ended; null while waiting, when the model's answer was final, or for model-only projects.</summary>
    public TaskReview? Review { get; init; }

    /// <summary>When the callback was last resent, if ever.</summary>
    public DateTimeOffset? ResentOn { get; init; }

    /// <summary>Who resent it: <c>api</c> or <c>manual</c> (an operator).</summary>
    public string? ResentBy { get; init; }

    /// <summary>What was submitted and which model ran.</summary>
    public TaskInput Input { get; init; } = new();

    /// <summary>The model's output entries (this page of them, for long media: see <see cref="MediaInfo.NumFrames"/>).</summary>
    public IReadOnlyList<OutputEntry> Output { get; init; } = [];

    /// <summary>Profanity and blocklist hits in the text (or transcript), with their spans.</summary>
    public IReadOnlyList<TextMatch> TextFilters { get; init; } = [];

    /// <summary>E-mails, phone numbers, card numbers and the like found in the text (or transcript), with their spans.</summary>
    public IReadOnlyList<TextMatch> PiiEntities { get; init; } = [];

    /// <summary>Custom classes, e.g. <c>custom_blocklist</c> when the project's blocklist matched.</summary>
    public IReadOnlyList<ClassScore> CustomClasses { get; init; } = [];

    /// <summary>The detected language of the text or transcript.</summary>
    public string? Language { get; init; }

    /// <summary>The heads moderated for that language (empty for a language the engine does not cover).</summary>
    public IReadOnlyList<string> ModeratedClasses { get; init; } = [];

    /// <summary>Finished media tasks: each class's highest score over all frames.</summary>
    public IReadOnlyList<FrameMaximum> MaxOverFrames { get; init; } = [];

    /// <summary>Null for a task without a callback; else whether a delivery succeeded.</summary>
    public bool? CallbackSucceeded { get; init; }

    /// <summary>The callback's delivery attempts (the last 20).</summary>
    public IReadOnlyList<CallbackAttempt> CallbackAttempts { get; init; } = [];

    /// <summary>When the next delivery attempt is due, if one is.</summary>
    public DateTimeOffset? CallbackNextAttempt { get; init; }

    /// <summary>Why delivery stopped (<c>gone</c>, <c>refused</c>, <c>gave_up</c>), or null.</summary>
    public string? CallbackStopped { get; init; }

    /// <summary>The whole Task object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    /// <summary>
    /// Each class's highest score over the output entries on hand: for text, each head's severity over the
    /// sentences (<c>violence</c> → 3); for media, each class's peak over this page of frames.
    /// </summary>
    public IReadOnlyDictionary<string, double> Severities
    {
        get
        {
            var highest = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var score in Output.SelectMany(entry => entry.Classes))
            {
                highest[score.Class] = highest.TryGetValue(score.Class, out var seen) ? Math.Max(seen, score.Score) : score.Score;
            }

            return highest;
        }
    }

    /// <summary>The highest score of <paramref name="className"/> over the output entries, or null when none lists it.</summary>
    public double? Severity(string className) => Severities.TryGetValue(className, out var score) ? score : null;

    /// <summary>Reads a Task object from its UTF-8 JSON, as a callback receiver gets it.</summary>
    /// <exception cref="JsonException">The bytes are not a JSON object.</exception>
    public static TaskResult Parse(ReadOnlySpan<byte> utf8Json) => FromJson(JsonRead.Parse(utf8Json));

    /// <summary>Reads a Task object from its JSON text.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static TaskResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>Reads a Task object already parsed; <paramref name="json"/> is kept as <see cref="Raw"/>.</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not a Task object.</exception>
    public static TaskResult FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || (JsonRead.String(json, "task_id") ?? JsonRead.String(json, "id")) is not { } id)
        {
            throw new JsonException("This JSON is not a Task object: it has no 'task_id'.");
        }

        var first = JsonRead.Property(json, "status") is { ValueKind: JsonValueKind.Array } statuses && statuses.GetArrayLength() > 0 ? statuses[0] : default;
        var status = JsonRead.Property(first, "status");
        var response = JsonRead.Property(first, "response");
        return new TaskResult
        {
            Id = id,
            ProjectId = JsonRead.Long(json, "project_id") ?? 0,
            UserId = JsonRead.Long(json, "user_id"),
            Metadata = JsonRead.Property(json, "metadata"),
            CallbackUrl = JsonRead.String(json, "callback"),
            CreatedOn = JsonRead.Time(json, "created_on"),
            StatusCode = JsonRead.String(status, "code") ?? "",
            StatusMessage = JsonRead.String(status, "message"),
            FromCache = JsonRead.Bool(json, "from_cache") ?? false,
            Error = TaskError.From(JsonRead.Property(json, "error")),
            Review = TaskReview.From(JsonRead.Property(json, "review")),
            ResentOn = JsonRead.Time(json, "resent_on"),
            ResentBy = JsonRead.String(json, "resent_by"),
            Input = TaskInput.From(JsonRead.Property(response, "input")),
            Output = JsonRead.Array(response, "output", OutputEntry.From),
            TextFilters = JsonRead.Array(response, "text_filters", TextMatch.From),
            PiiEntities = JsonRead.Array(response, "pii_entities", TextMatch.From),
            CustomClasses = JsonRead.Array(response, "custom_classes", ClassScore.From),
            Language = JsonRead.String(response, "language"),
            ModeratedClasses = JsonRead.Strings(response, "moderated_classes"),
            MaxOverFrames = JsonRead.Array(response, "max_over_frames", FrameMaximum.From),
            CallbackSucceeded = JsonRead.Bool(json, "callback_succeeded"),
            CallbackAttempts = JsonRead.Array(json, "callback_attempts", CallbackAttempt.From),
            CallbackNextAttempt = JsonRead.Time(json, "callback_next_attempt"),
            CallbackStopped = JsonRead.String(json, "callback_stopped"),
            Raw = json,
        };
    }
}
