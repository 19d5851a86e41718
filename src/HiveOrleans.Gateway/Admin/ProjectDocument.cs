using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Admin;

/// <summary>The operator API's Project object.</summary>
internal static class ProjectDocument
{
    public static void Write(Utf8JsonWriter writer, ProjectDetails project, Action<Utf8JsonWriter>? extra = null)
    {
        var config = project.Config;
        writer.WriteStartObject();
        writer.WriteNumber("project_id", config.ProjectId);
        writer.WriteString("name", config.Name);
        writer.WriteString("model_type", config.ModelType);
        writer.WriteString("review", config.Review);
        writer.WriteNumber("user_id", config.UserId);
        writer.WriteBoolean("disabled", config.Disabled);
        writer.WriteNumber("config_version", config.ConfigVersion);
        writer.WriteString("config_tag", config.ConfigTag);
        writer.WriteNumber("sync_timeout_seconds", config.SyncTimeout.TotalSeconds);
        writer.WriteNumber("max_text_length", config.MaxTextLength);
        writer.WriteNumber("max_body_bytes", config.MaxBodyBytes);
        writer.WriteStartObject("thresholds");
        foreach (var (head, level) in config.Thresholds.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(head, level);
        }

        writer.WriteEndObject();
        if (config.RateLimit is { } rate)
        {
            writer.WriteStartObject("rate_limit");
            writer.WriteNumber("per_second", rate.PerSecond);
            writer.WriteNumber("burst", rate.Burst);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("rate_limit");
        }

        if (config.DailyQuota is { } quota)
        {
            writer.WriteNumber("daily_quota", quota);
        }
        else
        {
            writer.WriteNull("daily_quota");
        }

        writer.WriteNumber("charge_per_task", config.ChargePerTask);
        WriteTerms(writer, "blocklist", config.Blocklist);
        WriteTerms(writer, "allowlist", config.Allowlist);
        writer.WriteNumber("frame_rate", config.FrameRate);
        WriteTerms(writer, "hash_banks", config.HashBanks);
        writer.WriteStartArray("keys");
        foreach (var key in project.Keys)
        {
            writer.WriteStartObject();
            writer.WriteNumber("slot", key.Slot);
            writer.WriteBoolean("live", key.Live);
            writer.WriteString("prefix", key.Live ? key.Prefix : null);
            writer.WriteString("created_on", key.CreatedOn is { } created ? TaskDocument.FormatTime(created) : null);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("created_on", TaskDocument.FormatTime(config.CreatedOn));
        writer.WriteString("updated_on", TaskDocument.FormatTime(config.UpdatedOn));
        extra?.Invoke(writer);
        writer.WriteEndObject();
    }

    private static void WriteTerms(Utf8JsonWriter writer, string name, IReadOnlyList<string> terms)
    {
        writer.WriteStartArray(name);
        foreach (var term in terms)
        {
            writer.WriteStringValue(term);
        }

        writer.WriteEndArray();
    }
}
