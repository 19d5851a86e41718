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
            Thresholds = Thresholds(root),
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
        };
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

    private static Dictionary<string, int>? Thresholds(JsonElement root)
    {
        if (JsonFields.Field(root, "thresholds") is not { } thresholds)
        {
            return null;
        }

        if (thresholds.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'thresholds' must be an object of class names to severities, e.g. {\"violence\": 2}.");
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (head, value) in JsonFields.Properties(thresholds, "thresholds"))
        {
            map[head] = (int)JsonFields.WholeNumber(value, $"thresholds.{head}", 0, ProjectSettingsRules.MaxSeverity);
        }

        return map;
    }
}
