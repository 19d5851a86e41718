using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// Reads the operator API's project JSON into <see cref="ProjectSettings"/>. It checks shapes only (a number where a
/// number belongs); what values a project may have is the project grain's rule, so it is said in one place.
/// </summary>
internal static class ProjectSettingsReader
{
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "Send the project as application/json.");
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw ApiException.BadRequest("The JSON body must be an object.");
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"The request body is not valid JSON: {ex.Message}");
        }
    }

    public static string ReadModelType(JsonElement root) =>
        String(root, "model_type") ?? throw ApiException.BadRequest($"'model_type' is required: one of {string.Join(", ", ModelTypes.Known)}.");

    public static ProjectSettings ReadSettings(JsonElement root)
    {
        var rateGiven = root.TryGetProperty("rate_limit", out var rate);
        var quotaGiven = root.TryGetProperty("daily_quota", out var quota);
        return new ProjectSettings
        {
            Name = String(root, "name"),
            Review = String(root, "review"),
            UserId = Int64(root, "user_id"),
            SyncTimeout = Number(root, "sync_timeout_seconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            MaxTextLength = (int?)Int64(root, "max_text_length"),
            MaxBodyBytes = Int64(root, "max_body_bytes"),
            Thresholds = Thresholds(root),
            RateLimit = rateGiven && rate.ValueKind != JsonValueKind.Null ? Rate(rate) : null,
            ClearRateLimit = rateGiven && rate.ValueKind == JsonValueKind.Null,
            DailyQuota = Int64(root, "daily_quota"),
            ClearDailyQuota = quotaGiven && quota.ValueKind == JsonValueKind.Null,
            ChargePerTask = Number(root, "charge_per_task"),
            ConfigTag = String(root, "config_tag"),
            Blocklist = Strings(root, "blocklist"),
            Allowlist = Strings(root, "allowlist"),
            FrameRate = Number(root, "frame_rate"),
            HashBanks = Strings(root, "hash_banks"),
        };
    }

    private static RateLimit Rate(JsonElement rate)
    {
        if (rate.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'rate_limit' must be an object {\"per_second\": n, \"burst\": n}, or null to remove it.");
        }

        var perSecond = Number(rate, "per_second", "rate_limit.per_second") ?? throw ApiException.BadRequest("'rate_limit.per_second' is required.");
        var burst = Int64(rate, "burst", "rate_limit.burst") ?? (long)Math.Max(1, Math.Ceiling(perSecond));
        return new RateLimit(perSecond, (int)Math.Clamp(burst, int.MinValue, int.MaxValue));
    }

    private static Dictionary<string, int>? Thresholds(JsonElement root)
    {
        if (!root.TryGetProperty("thresholds", out var thresholds) || thresholds.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (thresholds.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'thresholds' must be an object of class names to severities, e.g. {\"violence\": 2}.");
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var head in thresholds.EnumerateObject())
        {
            map[head.Name] = head.Value.TryGetInt32(out var level)
                ? level
                : throw ApiException.BadRequest($"'thresholds.{head.Name}' must be a whole number.");
        }

        return map;
    }

    private static string[]? Strings(JsonElement root, string name)
    {
        if (Field(root, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw ApiException.BadRequest($"'{name}' must be an array of strings.");
    }

    private static string? String(JsonElement root, string name) =>
        Field(root, name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw ApiException.BadRequest($"'{name}' must be a string.")
            : null;

    private static long? Int64(JsonElement root, string name, string? label = null) =>
        Field(root, name) is { } value
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw ApiException.BadRequest($"'{label ?? name}' must be a whole number.")
            : null;

    private static double? Number(JsonElement root, string name, string? label = null) =>
        Field(root, name) is { } value
            ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw ApiException.BadRequest($"'{label ?? name}' must be a number.")
            : null;

    private static JsonElement? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
