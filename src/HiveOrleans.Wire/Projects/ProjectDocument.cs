using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Wire.Rules;

namespace HiveOrleans.Wire.Projects;

/// <summary>
/// The operator API's Project object: every setting, the two key slots (never the keys), and the project's times. The
/// answer to creating a project also carries the keys and the webhook secret, shown that once.
/// </summary>
/// <param name="ProjectId">The project id.</param>
/// <param name="Name">A display name.</param>
/// <param name="ModelType">The kind of model the project serves (<c>text</c>, <c>visual</c>).</param>
/// <param name="Review"><c>model_only</c> or <c>manual_review</c>.</param>
/// <param name="UserId">The owning user.</param>
/// <param name="Disabled">A disabled project accepts no new tasks.</param>
/// <param name="ConfigVersion">Bumped on every configuration change; results carry it.</param>
/// <param name="ConfigTag">An operator's label for the configuration, or null.</param>
/// <param name="SyncTimeoutSeconds">How long a sync request waits for its result.</param>
/// <param name="MaxTextLength">The longest <c>text_data</c> accepted, in characters.</param>
/// <param name="MaxBodyBytes">The largest request body accepted, in bytes.</param>
/// <param name="Thresholds">Per class, the lowest severity (text) or score (visual) reported; in ordinal order of the class.</param>
/// <param name="RateLimit">The cluster-wide request rate, or null for none.</param>
/// <param name="DailyQuota">The cluster-wide cap on tasks per UTC day, or null for none.</param>
/// <param name="ChargePerTask">What one task costs.</param>
/// <param name="Blocklist">Text projects: terms always flagged.</param>
/// <param name="Allowlist">Text projects: terms the built-in lexicons never flag.</param>
/// <param name="FrameRate">Visual projects: frames sampled per second.</param>
/// <param name="HashBanks">Visual projects: the hash banks media is matched against.</param>
/// <param name="VisualModels">Visual projects: the models run on each image and frame (the default resolved); absent for other projects.</param>
/// <param name="ReviewWhen">Manual-review projects: <c>"always"</c>, or class → the lowest score that sends a task to review. Absent for model-only projects, as are the other review settings.</param>
/// <param name="ReviewSample">Manual-review projects: the share (0–1) of the other tasks that go to review anyway.</param>
/// <param name="ReviewLabels">Manual-review projects: the labels a rejection may name.</param>
/// <param name="ReviewTimeout">Manual-review projects: how long a task waits for a decision (<c>"24h"</c>), or null for no limit.</param>
/// <param name="Keys">Key slots 1 and 2.</param>
/// <param name="CreatedOn">When the project was created.</param>
/// <param name="UpdatedOn">When its configuration last changed.</param>
/// <param name="ApiKeys">Only in the answer to creation: the two live keys in plain text. Absent otherwise.</param>
/// <param name="WebhookSecret">Only in the answer to creation: the secret callbacks are signed with. Absent otherwise.</param>
public sealed record ProjectDocument(
    long ProjectId,
    string Name,
    string ModelType,
    string Review,
    long UserId,
    bool Disabled,
    int ConfigVersion,
    string? ConfigTag,
    double SyncTimeoutSeconds,
    int MaxTextLength,
    long MaxBodyBytes,
    IReadOnlyDictionary<string, double> Thresholds,
    RateLimitDocument? RateLimit,
    long? DailyQuota,
    double ChargePerTask,
    IReadOnlyList<string> Blocklist,
    IReadOnlyList<string> Allowlist,
    double FrameRate,
    IReadOnlyList<string> HashBanks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? VisualModels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? ReviewWhen,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ReviewSample,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ReviewLabels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? ReviewTimeout,
    IReadOnlyList<KeySlotDocument> Keys,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ApiKeys = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WebhookSecret = null)
{
    /// <summary>OCR projects and visual projects running <c>"ocr"</c>: the tesseract languages read (the default resolved); absent for others.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? OcrLanguages { get; init; }

    /// <summary>The document for a project as it stands.</summary>
    public static ProjectDocument From(ProjectDetails project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var config = project.Config;
        return new(
            config.ProjectId,
            config.Name,
            config.ModelType,
            config.Review,
            config.UserId,
            config.Disabled,
            config.ConfigVersion,
            config.ConfigTag,
            config.SyncTimeout.TotalSeconds,
            config.MaxTextLength,
            config.MaxBodyBytes,
            new SortedDictionary<string, double>(
                config.Thresholds.ToDictionary(pair => pair.Key, pair => (double)pair.Value).Concat(config.ScoreThresholds).ToDictionary(),
                StringComparer.Ordinal),
            config.RateLimit is { } rate ? new RateLimitDocument(rate.PerSecond, rate.Burst) : null,
            config.DailyQuota,
            config.ChargePerTask,
            config.Blocklist,
            config.Allowlist,
            config.FrameRate,
            config.HashBanks,
            config.ModelType == ModelTypes.Visual ? Abstractions.Projects.VisualModels.Effective(config.VisualModels, config.HashBanks) : null,
            config.ReviewRules is { } rules ? When(rules) : null,
            config.ReviewRules?.Sample,
            config.ReviewRules?.Labels,
            config.ReviewRules is { } timed ? Json(writer => WriteTimeout(writer, timed.Timeout)) : null,
            [.. project.Keys.Select(KeySlotDocument.From)],
            config.CreatedOn,
            config.UpdatedOn)
        {
            OcrLanguages = config.ModelType == ModelTypes.Ocr || ProjectSettingsRules.ReadsText(config) ? config.OcrLanguages ?? ["eng"] : null,
        };
    }

    /// <summary><c>"always"</c> for an empty map, else the map in ordinal order of the class.</summary>
    private static JsonElement When(ReviewRouting rules) => Json(writer =>
    {
        if (rules.When.Count == 0)
        {
            writer.WriteStringValue("always");
            return;
        }

        writer.WriteStartObject();
        foreach (var (head, minimum) in rules.When.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(head, minimum);
        }

        writer.WriteEndObject();
    });

    /// <summary>A manual-review project with no timeout writes <c>null</c>: a JSON null held in a value that is not
    /// null itself, which only a model-only project (with no review settings at all) leaves out.</summary>
    private static void WriteTimeout(Utf8JsonWriter writer, TimeSpan? timeout)
    {
        if (timeout is { } limit)
        {
            writer.WriteStringValue(DurationText.Format(limit));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The answer to creating a project: the project, its keys and its webhook secret.</summary>
    public static ProjectDocument From(ProjectCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return From(created.Project) with { ApiKeys = created.ApiKeys, WebhookSecret = created.WebhookSecret };
    }
}
