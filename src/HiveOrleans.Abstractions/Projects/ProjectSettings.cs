namespace HiveOrleans.Abstractions.Projects;

/// <summary>
/// The settings an operator can give a project. On creation, what is left out takes its default; on update, what is
/// left out stays as it is. Any change bumps the project's configuration version.
/// </summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ProjectSettings")]
public sealed record ProjectSettings
{
    /// <summary>A display name.</summary>
    [Id(0)] public string? Name { get; init; }

    /// <summary><c>model_only</c> or <c>manual_review</c>.</summary>
    [Id(1)] public string? Review { get; init; }

    /// <summary>The user (account) that owns the project.</summary>
    [Id(2)] public long? UserId { get; init; }

    /// <summary>How long a sync request waits for its result.</summary>
    [Id(3)] public TimeSpan? SyncTimeout { get; init; }

    /// <summary>The longest <c>text_data</c> accepted, in characters.</summary>
    [Id(4)] public int? MaxTextLength { get; init; }

    /// <summary>The largest request body accepted, in bytes.</summary>
    [Id(5)] public long? MaxBodyBytes { get; init; }

    /// <summary>Per head, the lowest severity reported; lower scores are reported as 0. Replaces the whole map when given.</summary>
    [Id(6)] public IReadOnlyDictionary<string, int>? Thresholds { get; init; }

    /// <summary>Requests per second with a burst, across the cluster.</summary>
    [Id(7)] public RateLimit? RateLimit { get; init; }

    /// <summary>True to remove the rate limit.</summary>
    [Id(8)] public bool ClearRateLimit { get; init; }

    /// <summary>Tasks per UTC day, across the cluster.</summary>
    [Id(9)] public long? DailyQuota { get; init; }

    /// <summary>True to remove the daily quota.</summary>
    [Id(10)] public bool ClearDailyQuota { get; init; }

    /// <summary>What one task costs, recorded in <c>input.charge</c> and summed per day.</summary>
    [Id(11)] public double? ChargePerTask { get; init; }

    /// <summary>An operator's label for the configuration; results carry it.</summary>
    [Id(12)] public string? ConfigTag { get; init; }

    /// <summary>Text projects: terms always flagged (obfuscation-aware). Replaces the whole list when given.</summary>
    [Id(13)] public IReadOnlyList<string>? Blocklist { get; init; }

    /// <summary>Text projects: terms never flagged by the built-in lexicons. Replaces the whole list when given.</summary>
    [Id(14)] public IReadOnlyList<string>? Allowlist { get; init; }

    /// <summary>Visual projects: frames sampled per second of video or animated GIF.</summary>
    [Id(15)] public double? FrameRate { get; init; }

    /// <summary>Visual projects: the PDQ hash banks media is matched against. Replaces the whole list when given.</summary>
    [Id(16)] public IReadOnlyList<string>? HashBanks { get; init; }

    /// <summary>Manual-review projects: class → the lowest score that sends a task to review; empty for every task
    /// (<c>"always"</c>). Replaces the whole map when given.</summary>
    [Id(17)] public IReadOnlyDictionary<string, int>? ReviewWhen { get; init; }

    /// <summary>Manual-review projects: the share (0–1) of the tasks <see cref="ReviewWhen"/> does not send that go to review anyway.</summary>
    [Id(18)] public double? ReviewSample { get; init; }

    /// <summary>Manual-review projects: the labels a rejection may name. Replaces the whole list when given.</summary>
    [Id(19)] public IReadOnlyList<string>? ReviewLabels { get; init; }

    /// <summary>True to put the review labels back to their default, the project's classes.</summary>
    [Id(20)] public bool ResetReviewLabels { get; init; }

    /// <summary>Manual-review projects: how long a task waits for a decision before the model's answer stands.</summary>
    [Id(21)] public TimeSpan? ReviewTimeout { get; init; }

    /// <summary>True to remove the review timeout: tasks wait for a decision for as long as it takes.</summary>
    [Id(22)] public bool ClearReviewTimeout { get; init; }

    /// <summary>Visual projects: the models to run on each image and frame. Replaces the whole list when given.</summary>
    [Id(23)] public IReadOnlyList<string>? VisualModels { get; init; }

    /// <summary>True to put the visual models back to their default, which follows whether banks are attached.</summary>
    [Id(24)] public bool ResetVisualModels { get; init; }

    /// <summary>
    /// The thresholds as the operator API takes them, numbers: a text project's are whole severities 0–3 (kept in
    /// <see cref="ProjectConfig.Thresholds"/>), a visual project's scores 0–1 (in <see cref="ProjectConfig.ScoreThresholds"/>).
    /// Replaces the whole map when given; takes precedence over <see cref="Thresholds"/>.
    /// </summary>
    [Id(25)] public IReadOnlyDictionary<string, double>? ScoreThresholds { get; init; }

    /// <summary>OCR: the tesseract languages to read (each installed on the silos). Replaces the whole list when given.</summary>
    [Id(26)] public IReadOnlyList<string>? OcrLanguages { get; init; }

    /// <summary>True to put the OCR languages back to the default, English alone.</summary>
    [Id(27)] public bool ResetOcrLanguages { get; init; }
}
