using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire.Rules;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// Reads the operator API's project JSON into <see cref="ProjectSettings"/>. Most value rules are the project grain's,
/// said in one place; this reader checks shapes, and ranges wherever a value is converted (seconds to a time span, a
/// whole number to 32 bits), so nothing is rounded, cast or overflowed into something the operator did not write.
/// </summary>
internal static class ProjectSettingsReader
{
    public static Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonFields.ReadRequestObjectAsync(request, "project", cancellationToken);

    public static string ReadModelType(JsonElement root) =>
        JsonFields.String(root, "model_type") ?? throw ApiException.BadRequest($"'model_type' is required: one of {string.Join(", ", ModelTypes.Known)}.");

    public static ProjectSettings ReadSettings(JsonElement root)
    {
        var rateGiven = root.TryGetProperty("rate_limit", out var rate);
        var quotaGiven = root.TryGetProperty("daily_quota", out var quota);
        var maxSyncSeconds = ProjectSettingsRules.MaxSyncTimeout.TotalSeconds;
        return new ProjectSettings
        {
            Name = JsonFields.String(root, "name"),
            Review = JsonFields.String(root, "review"),
            UserId = JsonFields.Int64(root, "user_id", 1, long.MaxValue),
            SyncTimeout = JsonFields.Number(root, "sync_timeout_seconds", 1, maxSyncSeconds) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxTextLength = (int?)JsonFields.Int64(root, "max_text_length", 1, ProjectSettingsRules.MaxTextLengthLimit),
            MaxBodyBytes = JsonFields.Int64(root, "max_body_bytes", ProjectSettingsRules.MinBodyBytes, ProjectSettingsRules.MaxBodyBytesLimit),
            ScoreThresholds = Thresholds(root),
            RateLimit = rateGiven && rate.ValueKind != JsonValueKind.Null ? Rate(rate) : null,
            ClearRateLimit = rateGiven && rate.ValueKind == JsonValueKind.Null,
            DailyQuota = JsonFields.Int64(root, "daily_quota", 1, long.MaxValue),
            ClearDailyQuota = quotaGiven && quota.ValueKind == JsonValueKind.Null,
            ChargePerTask = JsonFields.Number(root, "charge_per_task", 0, ProjectSettingsRules.MaxChargePerTask),
            ConfigTag = JsonFields.String(root, "config_tag"),
            Blocklist = JsonFields.Strings(root, "blocklist"),
            Allowlist = JsonFields.Strings(root, "allowlist"),
            FrameRate = JsonFields.Number(root, "frame_rate", 0, ProjectSettingsRules.MaxFrameRate),
            HashBanks = JsonFields.Strings(root, "hash_banks"),
            VisualModels = JsonFields.Strings(root, "visual_models"),
            ResetVisualModels = IsNull(root, "visual_models"),
            OcrLanguages = JsonFields.Strings(root, "ocr_languages"),
            ResetOcrLanguages = IsNull(root, "ocr_languages"),
            ReviewWhen = ReviewWhen(root),
            ReviewSample = IsNull(root, "review_sample") ? 0 : JsonFields.Number(root, "review_sample", 0, 1),
            ReviewLabels = JsonFields.Strings(root, "review_labels"),
            ResetReviewLabels = IsNull(root, "review_labels"),
            ReviewTimeout = ReviewTimeout(root),
            ClearReviewTimeout = IsNull(root, "review_timeout"),
        };
    }

    private static bool IsNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null;

    /// <summary><c>"always"</c> (an empty map; null too, the default), or class names to minimum severities.</summary>
    private static Dictionary<string, int>? ReviewWhen(JsonElement root)
    {
        const string Expected = "'review_when' must be \"always\" or an object of class names to minimum severities, e.g. {\"violence\": 2}.";
        if (JsonFields.Field(root, "review_when") is not { } when)
        {
            return IsNull(root, "review_when") ? [] : null;
        }

        if (when.ValueKind == JsonValueKind.String)
        {
            return JsonFields.Text(when, "review_when") == "always" ? [] : throw ApiException.BadRequest(Expected);
        }

        if (when.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest(Expected);
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (head, value) in JsonFields.Properties(when, "review_when"))
        {
            map[head] = (int)JsonFields.WholeNumber(value, $"review_when.{head}", 0, ProjectSettingsRules.MaxSeverity);
        }

        // An empty object reads as "review nothing", which is not what it would mean.
        return map.Count > 0 ? map : throw ApiException.BadRequest("'review_when' names no class; use \"always\" to send every task to review.");
    }

    private static TimeSpan? ReviewTimeout(JsonElement root)
    {
        if (JsonFields.Field(root, "review_timeout") is not { } timeout)
        {
            return null;
        }

        return timeout.ValueKind == JsonValueKind.String && DurationText.TryParse(JsonFields.Text(timeout, "review_timeout"), out var duration)
            ? duration
            : throw ApiException.BadRequest("'review_timeout' must be a duration such as \"30m\", \"24h\" or \"7d\" (a whole number and s, m, h or d), or null for none.");
    }

    private static RateLimit Rate(JsonElement rate)
    {
        if (rate.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'rate_limit' must be an object {\"per_second\": n, \"burst\": n}, or null to remove it.");
        }

        var perSecond = JsonFields.Number(rate, "per_second", ProjectSettingsRules.MinPerSecond, ProjectSettingsRules.MaxPerSecond, "rate_limit.per_second")
            ?? throw ApiException.BadRequest("'rate_limit.per_second' is required.");
        var burst = JsonFields.Int64(rate, "burst", 1, ProjectSettingsRules.MaxBurst, "rate_limit.burst")
            ?? (long)Math.Min(ProjectSettingsRules.MaxBurst, Math.Max(1, Math.Ceiling(perSecond)));
        return new RateLimit(perSecond, (int)burst);
    }

    /// <summary>Numbers from 0 to 3; the project grain checks them against the model type (text: whole severities, visual: scores 0–1).</summary>
    private static Dictionary<string, double>? Thresholds(JsonElement root)
    {
        if (JsonFields.Field(root, "thresholds") is not { } thresholds)
        {
            return null;
        }

        if (thresholds.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'thresholds' must be an object of class names to severities, e.g. {\"violence\": 2}.");
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (head, value) in JsonFields.Properties(thresholds, "thresholds"))
        {
            map[head] = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number is >= 0 and <= ProjectSettingsRules.MaxSeverity
                ? number
                : throw ApiException.BadRequest($"'thresholds.{head}' must be a whole number from 0 to 3 (a text project's severity), or a score from 0 to 1 (a visual project's class).");
        }

        return map;
    }
}
