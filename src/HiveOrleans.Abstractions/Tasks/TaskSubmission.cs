namespace HiveOrleans.Abstractions.Tasks;

/// <summary>What a caller submitted, with the project settings that were in force when it arrived.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskSubmission")]
public sealed record TaskSubmission
{
    /// <summary>The project the submitting key belongs to.</summary>
    [Id(0)] public required long ProjectId { get; init; }

    /// <summary>The user that owns the project (Hive reports both).</summary>
    [Id(1)] public required long UserId { get; init; }

    /// <summary>The text to moderate (<c>text_data</c>).</summary>
    [Id(2)] public string? TextData { get; init; }

    /// <summary>Where the finished task is POSTed, for async submissions.</summary>
    [Id(3)] public string? CallbackUrl { get; init; }

    /// <summary>The caller's metadata, returned untouched.</summary>
    [Id(4)] public string? Metadata { get; init; }

    /// <summary>Whether the caller waits on the connection (sync) or gets a callback (async).</summary>
    [Id(5)] public required TaskMode Mode { get; init; }

    /// <summary>When the gateway accepted the request.</summary>
    [Id(6)] public required DateTimeOffset SubmittedOn { get; init; }

    /// <summary>The project's model type at submission time.</summary>
    [Id(7)] public required string ModelType { get; init; }

    /// <summary>The project's configuration version at submission time; results carry it.</summary>
    [Id(8)] public required int ConfigVersion { get; init; }

    /// <summary>The project's configuration tag at submission time.</summary>
    [Id(9)] public string? ConfigTag { get; init; }

    /// <summary>True when <see cref="Metadata"/> holds raw JSON (an object, array, number…) rather than a plain string.</summary>
    [Id(10)] public bool MetadataIsJson { get; init; }

    /// <summary>What this task costs (the project's charge per task at submission time).</summary>
    [Id(11)] public double Charge { get; init; }

    /// <summary>Per head, the lowest severity reported (the project's thresholds at submission time).</summary>
    [Id(12)] public IReadOnlyDictionary<string, int>? Thresholds { get; init; }

    /// <summary>True when the project has a blocklist or allowlist; the model then loads them for this configuration.</summary>
    [Id(13)] public bool HasCustomLists { get; init; }

    /// <summary>Uploaded media (<c>media</c>), already in the media store.</summary>
    [Id(14)] public TaskMedia? Media { get; init; }

    /// <summary>The URL to download the media from (<c>url</c>); the task fetches it.</summary>
    [Id(15)] public string? Url { get; init; }

    /// <summary>Visual projects: frames sampled per second of video (the project's setting at submission time).</summary>
    [Id(16)] public double FrameRate { get; init; } = 1;

    /// <summary>Visual projects: the hash banks to match against (the project's setting at submission time).</summary>
    [Id(17)] public IReadOnlyList<string> HashBanks { get; init; } = [];

    /// <summary>The largest download accepted for <see cref="Url"/>, in bytes (the project's limit at submission time).</summary>
    [Id(18)] public long MaxMediaBytes { get; init; }

    /// <summary>A manual-review project's rules (the project's settings at submission time); null for a model-only project.</summary>
    [Id(19)] public ReviewRouting? Review { get; init; }

    /// <summary>
    /// Visual projects: the models to run (the project's effective <c>visual_models</c> at submission time). Empty on
    /// tasks submitted before projects chose their models: the default then applies.
    /// </summary>
    [Id(20)] public IReadOnlyList<string> VisualModels { get; init; } = [];

    /// <summary>Visual projects: per class, the lowest score reported (the project's thresholds at submission time).</summary>
    [Id(21)] public IReadOnlyDictionary<string, double>? ScoreThresholds { get; init; }

    /// <summary>OCR (an <c>ocr</c> project, or a visual one running <c>"ocr"</c>): the tesseract languages to read, in order.</summary>
    [Id(22)] public IReadOnlyList<string> OcrLanguages { get; init; } = [];
}
