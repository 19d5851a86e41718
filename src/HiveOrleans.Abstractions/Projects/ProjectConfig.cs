using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Abstractions.Projects;

/// <summary>A project's settings as the request path needs them. Holds no secrets.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.ProjectConfig")]
public sealed record ProjectConfig
{
    /// <summary>The project id.</summary>
    [Id(0)] public required long ProjectId { get; init; }

    /// <summary>The owning user.</summary>
    [Id(1)] public required long UserId { get; init; }

    /// <summary>A display name.</summary>
    [Id(2)] public required string Name { get; init; }

    /// <summary>The kind of model the project serves.</summary>
    [Id(3)] public required string ModelType { get; init; }

    /// <summary><c>model_only</c> or <c>manual_review</c>.</summary>
    [Id(4)] public required string Review { get; init; }

    /// <summary>Bumped on every configuration change; results carry it.</summary>
    [Id(5)] public int ConfigVersion { get; init; } = 1;

    /// <summary>An operator's label for the configuration; results carry it.</summary>
    [Id(6)] public string? ConfigTag { get; init; }

    /// <summary>The longest <c>text_data</c> accepted, in characters.</summary>
    [Id(7)] public int MaxTextLength { get; init; } = ProjectDefaults.MaxTextLength;

    /// <summary>How long a sync request waits for its result before answering 504.</summary>
    [Id(8)] public TimeSpan SyncTimeout { get; init; } = ProjectDefaults.SyncTimeout;

    /// <summary>The largest request body accepted, in bytes.</summary>
    [Id(9)] public long MaxBodyBytes { get; init; } = ProjectDefaults.MaxBodyBytes;

    /// <summary>When the project was created.</summary>
    [Id(10)] public DateTimeOffset CreatedOn { get; init; }

    /// <summary>A disabled project's keys still authenticate, but it accepts no new tasks.</summary>
    [Id(11)] public bool Disabled { get; init; }

    /// <summary>Per head, the lowest severity reported; lower scores are reported as 0.</summary>
    [Id(12)] public IReadOnlyDictionary<string, int> Thresholds { get; init; } = new Dictionary<string, int>();

    /// <summary>The cluster-wide request rate, or <c>null</c> for none.</summary>
    [Id(13)] public RateLimit? RateLimit { get; init; }

    /// <summary>The cluster-wide cap on tasks per UTC day, or <c>null</c> for none.</summary>
    [Id(14)] public long? DailyQuota { get; init; }

    /// <summary>What one task costs.</summary>
    [Id(15)] public double ChargePerTask { get; init; } = ProjectDefaults.ChargePerTask;

    /// <summary>When the configuration last changed.</summary>
    [Id(16)] public DateTimeOffset UpdatedOn { get; init; }

    /// <summary>Text projects: terms always flagged, reported as <c>custom_blocklist</c>.</summary>
    [Id(17)] public IReadOnlyList<string> Blocklist { get; init; } = [];

    /// <summary>Text projects: terms the built-in lexicons never flag.</summary>
    [Id(18)] public IReadOnlyList<string> Allowlist { get; init; } = [];

    /// <summary>Visual projects: frames sampled per second of video or animated GIF.</summary>
    [Id(19)] public double FrameRate { get; init; } = ProjectDefaults.FrameRate;

    /// <summary>Visual projects: the PDQ hash banks media is matched against.</summary>
    [Id(20)] public IReadOnlyList<string> HashBanks { get; init; } = [];

    /// <summary>
    /// A manual-review project's rules, which each submission carries: null for a model-only project. Its
    /// <see cref="ReviewRouting.Labels"/> are resolved (the project's classes when none were given), never empty.
    /// </summary>
    [Id(21)] public ReviewRouting? ReviewRules { get; init; }

    /// <summary>
    /// Visual projects: the models chosen for each image and frame (<see cref="Projects.VisualModels.Known"/> names), or
    /// null for the default (<see cref="Projects.VisualModels.Effective"/>), which follows whether banks are attached.
    /// </summary>
    [Id(22)] public IReadOnlyList<string>? VisualModels { get; init; }

    /// <summary>Visual projects: per class, the lowest score (0–1) reported; lower scores are reported as 0.</summary>
    [Id(23)] public IReadOnlyDictionary<string, double> ScoreThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// OCR (an <c>ocr</c> project, or a visual one running <c>"ocr"</c>): the tesseract languages read, in order, or
    /// null for English alone (<c>["eng"]</c>).
    /// </summary>
    [Id(24)] public IReadOnlyList<string>? OcrLanguages { get; init; }
}
