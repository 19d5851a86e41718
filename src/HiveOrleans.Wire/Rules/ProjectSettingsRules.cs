using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Wire.Rules;

/// <summary>
/// What a valid project looks like, and how settings are applied to a configuration: the project grain applies them,
/// the gateway reads operator requests within the same limits.
/// </summary>
public static class ProjectSettingsRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLengthLimit = 100_000;
    public const long MinBodyBytes = 1024;
    public const long MaxBodyBytesLimit = 100L * 1024 * 1024;
    public static readonly TimeSpan MaxSyncTimeout = TimeSpan.FromMinutes(5);

    /// <summary>One task per 1,000 s. Slower rates are a daily quota's job; this floor keeps a caller's wait
    /// (<c>Retry-After</c>) a number of seconds a client can act on.</summary>
    public const double MinPerSecond = 0.001;
    public const double MaxPerSecond = 1_000_000;
    public const int MaxBurst = 10_000_000;
    public const double MaxChargePerTask = 1_000_000;
    public const int MaxSeverity = 3;

    /// <param name="headsOf">The classes a project of a model type scores, which its thresholds and review rules may name.</param>
    /// <param name="registeredModels">
    /// The registered models the project may name in <c>visual_models</c> with the classes each reports (which its
    /// thresholds may then name); the caller looks up every non-built-in name in the settings and the configuration.
    /// </param>
    public static ProjectConfig Apply(
        ProjectConfig config,
        ProjectSettings settings,
        DateTimeOffset now,
        Func<string, IReadOnlyList<string>> headsOf,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? registeredModels = null)
    {
        ArgumentNullException.ThrowIfNull(headsOf);
        var heads = headsOf(config.ModelType);
        var review = settings.Review ?? config.Review;
        var thresholds = settings.ScoreThresholds ?? settings.Thresholds?.ToDictionary(pair => pair.Key, pair => (double)pair.Value, StringComparer.Ordinal);
        var updated = config with
        {
            Name = settings.Name?.Trim() ?? config.Name,
            Review = review,
            UserId = settings.UserId ?? config.UserId,
            SyncTimeout = settings.SyncTimeout ?? config.SyncTimeout,
            MaxTextLength = settings.MaxTextLength ?? config.MaxTextLength,
            MaxBodyBytes = settings.MaxBodyBytes ?? config.MaxBodyBytes,
            Thresholds = thresholds is null ? config.Thresholds : config.ModelType == ModelTypes.Visual ? new Dictionary<string, int>() : Severities(thresholds),
            ScoreThresholds = thresholds is null ? config.ScoreThresholds
                : config.ModelType == ModelTypes.Visual ? new Dictionary<string, double>(thresholds, StringComparer.Ordinal) : new Dictionary<string, double>(),
            RateLimit = settings.ClearRateLimit ? null : settings.RateLimit ?? config.RateLimit,
            DailyQuota = settings.ClearDailyQuota ? null : settings.DailyQuota ?? config.DailyQuota,
            ChargePerTask = settings.ChargePerTask ?? config.ChargePerTask,
            ConfigTag = settings.ConfigTag ?? config.ConfigTag,
            Blocklist = settings.Blocklist is { } block ? Terms(block) : config.Blocklist,
            Allowlist = settings.Allowlist is { } allow ? Terms(allow) : config.Allowlist,
            FrameRate = settings.FrameRate ?? config.FrameRate,
            HashBanks = settings.HashBanks is { } banks ? [.. banks.Select(b => b.Trim()).Distinct(StringComparer.Ordinal)] : config.HashBanks,
            VisualModels = settings.ResetVisualModels ? null
                : settings.VisualModels is { } models ? [.. models.Select(m => m.Trim()).Distinct(StringComparer.Ordinal)] : config.VisualModels,
            OcrLanguages = settings.ResetOcrLanguages ? null
                : settings.OcrLanguages is { } languages ? [.. languages.Select(l => l.Trim()).Distinct(StringComparer.Ordinal)] : config.OcrLanguages,
            UpdatedOn = now,
        };
        Validate(updated, heads, registeredModels ?? new Dictionary<string, IReadOnlyList<string>>());
        updated = updated with { ReviewRules = ReviewSettingsRules.Apply(config, settings, review, heads) };
        return updated;
    }

    /// <summary>A text project's thresholds are severities, whole numbers 0–3.</summary>
    private static Dictionary<string, int> Severities(IReadOnlyDictionary<string, double> thresholds)
    {
        foreach (var (head, level) in thresholds)
        {
            Require(level is >= 0 and <= MaxSeverity && level == Math.Floor(level), $"'thresholds.{head}' must be a severity from 0 to 3.");
        }

        return thresholds.ToDictionary(pair => pair.Key, pair => (int)pair.Value, StringComparer.Ordinal);
    }

    public const double MaxFrameRate = 30;
    public const int MaxHashBanks = 50;

    /// <summary>Each language is one more model in tesseract's recogniser, which slows every read.</summary>
    public const int MaxOcrLanguages = 4;

    /// <summary>Whether a visual project runs OCR among its models.</summary>
    public static bool ReadsText(ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.ModelType == ModelTypes.Visual && config.VisualModels?.Contains(VisualModels.Ocr) == true;
    }

    private static bool IsOcrLanguage(string language) =>
        language.Length is > 0 and <= 32 && language.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
    public const int MaxListTerms = 10_000;
    public const int MaxTermLength = 100;

    /// <summary>Trimmed, without blanks or repeats, in the order given.</summary>
    private static string[] Terms(IEnumerable<string> terms) =>
        [.. terms.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    public static void ValidateModelType(string modelType)
    {
        if (!ModelTypes.Known.Contains(modelType))
        {
            throw new ProjectRequestException($"'model_type' must be one of {string.Join(", ", ModelTypes.Known)}.");
        }

        if (!ModelTypes.Available.Contains(modelType))
        {
            throw new ProjectRequestException($"model_type '{modelType}' is not available in this version; available: {string.Join(", ", ModelTypes.Available)}.");
        }
    }

    private static void Validate(ProjectConfig config, IReadOnlyList<string> heads, IReadOnlyDictionary<string, IReadOnlyList<string>> registered)
    {
        Require(config.Name.Length is > 0 and <= MaxNameLength, $"'name' is required and at most {MaxNameLength} characters.");
        Require(config.Review is ReviewModes.ModelOnly or ReviewModes.ManualReview, "'review' must be 'model_only' or 'manual_review'.");
        Require(config.UserId > 0, "'user_id' must be a positive whole number.");
        Require(config.SyncTimeout >= TimeSpan.FromSeconds(1) && config.SyncTimeout <= MaxSyncTimeout, $"'sync_timeout_seconds' must be from 1 to {MaxSyncTimeout.TotalSeconds}.");
        Require(config.MaxTextLength is > 0 and <= MaxTextLengthLimit, $"'max_text_length' must be from 1 to {MaxTextLengthLimit}.");
        Require(config.MaxBodyBytes is >= MinBodyBytes and <= MaxBodyBytesLimit, $"'max_body_bytes' must be from {MinBodyBytes} to {MaxBodyBytesLimit}.");
        Require(config.ChargePerTask is >= 0 and <= 1_000_000 && double.IsFinite(config.ChargePerTask), "'charge_per_task' must be a number from 0 to 1000000.");
        Require(config.ConfigTag is null || config.ConfigTag.Length <= 100, "'config_tag' is at most 100 characters.");
        if (config.RateLimit is { } rate)
        {
            Require(rate.PerSecond is >= MinPerSecond and <= MaxPerSecond && double.IsFinite(rate.PerSecond), "'rate_limit.per_second' must be a number from 0.001 to 1000000.");
            Require(rate.Burst is >= 1 and <= MaxBurst, $"'rate_limit.burst' must be a whole number from 1 to {MaxBurst}.");
        }

        Require(config.DailyQuota is null or >= 1, "'daily_quota' must be a whole number of 1 or more.");
        foreach (var (name, list) in new[] { ("blocklist", config.Blocklist), ("allowlist", config.Allowlist) })
        {
            Require(list.Count == 0 || config.ModelType is ModelTypes.Text or ModelTypes.Ocr || ReadsText(config), $"'{name}' applies to text and OCR projects (and visual projects running \"ocr\") only.");
            Require(list.Count <= MaxListTerms, $"'{name}' has {list.Count} terms; at most {MaxListTerms}.");
            Require(list.All(t => t.Length <= MaxTermLength), $"'{name}' terms are at most {MaxTermLength} characters.");
        }

        Require(config.FrameRate is > 0 and <= MaxFrameRate && double.IsFinite(config.FrameRate), $"'frame_rate' must be a number of frames per second above 0 and at most {MaxFrameRate}.");
        Require(config.HashBanks.Count == 0 || config.ModelType == ModelTypes.Visual, "'hash_banks' applies to visual projects only.");
        Require(config.HashBanks.Count <= MaxHashBanks, $"'hash_banks' names {config.HashBanks.Count} banks; at most {MaxHashBanks}.");
        Require(config.HashBanks.All(IsBankName), "'hash_banks' entries are bank names: lowercase letters, digits, '_' and '-', starting with a letter or digit, at most 64 characters.");
        if (config.VisualModels is { } models)
        {
            Require(config.ModelType == ModelTypes.Visual, "'visual_models' applies to visual projects only.");
            Require(models.Count > 0, $"'visual_models' names no model; choose from {string.Join(", ", VisualModels.Known)}, or null for the default.");
            foreach (var model in models)
            {
                Require(
                    VisualModels.Known.Contains(model) || registered.ContainsKey(model),
                    $"'visual_models' names '{model}', which is not a visual model: neither built in ({string.Join(", ", VisualModels.Known)}) nor registered (POST /admin/v1/models).");
            }
        }

        if (config.OcrLanguages is { } ocrLanguages)
        {
            Require(config.ModelType == ModelTypes.Ocr || ReadsText(config), "'ocr_languages' applies to OCR projects and visual projects running \"ocr\" only.");
            Require(ocrLanguages.Count is > 0 and <= MaxOcrLanguages, $"'ocr_languages' names 1 to {MaxOcrLanguages} tesseract languages (e.g. [\"eng\"]), or null for the default.");
            Require(ocrLanguages.All(IsOcrLanguage), "'ocr_languages' entries are tesseract language codes: lowercase letters, digits and '_', e.g. eng, deu, chi_sim.");
        }

        var scored = VisualModels.NsfwClasses
            .Concat((config.VisualModels ?? []).Where(registered.ContainsKey).SelectMany(model => registered[model]))
            .ToArray();

        foreach (var (head, level) in config.Thresholds)
        {
            Require(heads.Contains(head), $"'thresholds' names '{head}', which is not a class of a {config.ModelType} project; known: {string.Join(", ", heads)}.");
            Require(level is >= 0 and <= 3, $"'thresholds.{head}' must be a severity from 0 to 3.");
        }

        foreach (var (head, score) in config.ScoreThresholds)
        {
            Require(scored.Contains(head), $"'thresholds' names '{head}', which is not a scored class of this visual project; known: {string.Join(", ", scored)}.");
            Require(score is >= 0 and <= 1, $"'thresholds.{head}' must be a score from 0 to 1 on a visual project.");
        }
    }

    private static bool IsBankName(string name) =>
        name.Length is > 0 and <= 64
        && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ProjectRequestException(message);
        }
    }
}
