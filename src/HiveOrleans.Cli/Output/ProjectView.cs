using System.Text.Json;

namespace HiveOrleans.Cli.Output;

/// <summary>A project as a person reads it: known fields in a sensible order and with units, then any others.</summary>
internal static class ProjectView
{
    /// <summary>Fields shown by their own rule; anything else the API adds is listed after them as it came.</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "project_id", "name", "model_type", "review", "user_id", "disabled", "config_version", "config_tag",
        "sync_timeout_seconds", "max_text_length", "max_body_bytes", "rate_limit", "daily_quota", "charge_per_task",
        "thresholds", "frame_rate", "hash_banks", "visual_models", "ocr_languages", "review_when", "review_sample", "review_labels", "review_timeout", "keys", "created_on", "updated_on", "api_keys", "webhook_secret",
    };

    public static void Write(JsonElement project, TextWriter output)
    {
        var list = new KeyValueList();
        Add(list, project, "project_id", "id");
        Add(list, project, "name", "name");
        Add(list, project, "model_type", "model type");
        Add(list, project, "review", "review");
        Add(list, project, "user_id", "user id");
        Add(list, project, "disabled", "disabled");
        Add(list, project, "config_version", "config version");
        Add(list, project, "config_tag", "config tag");
        if (project.TryField("sync_timeout_seconds", out var timeout))
        {
            list.Add("sync timeout", timeout.ValueKind == JsonValueKind.Number ? $"{timeout.GetRawText()} s" : JsonValues.Describe(timeout));
        }

        Add(list, project, "max_text_length", "max text length");
        Add(list, project, "max_body_bytes", "max body bytes");
        if (project.TryField("rate_limit", out _))
        {
            list.Add("rate limit", project.RateLimit());
        }

        Add(list, project, "daily_quota", "daily quota");
        Add(list, project, "charge_per_task", "charge per task");
        if (project.TryField("thresholds", out var thresholds))
        {
            list.Add("thresholds", Thresholds(thresholds));
        }

        if (project.TryField("frame_rate", out var frameRate))
        {
            list.Add("frame rate", frameRate.ValueKind == JsonValueKind.Number ? $"{frameRate.GetRawText()} frames/s" : JsonValues.Describe(frameRate));
        }

        if (project.TryField("hash_banks", out var banks))
        {
            list.Add("hash banks", Names(banks));
        }

        if (project.TryField("visual_models", out var models))
        {
            list.Add("visual models", Names(models));
        }

        if (project.TryField("ocr_languages", out var languages))
        {
            list.Add("ocr languages", Names(languages));
        }

        if (project.TryField("review_when", out var when))
        {
            list.Add("review when", when.ValueKind == JsonValueKind.Object ? Thresholds(when) : JsonValues.Describe(when));
        }

        Add(list, project, "review_sample", "review sample");
        if (project.TryField("review_labels", out var labels))
        {
            list.Add("review labels", Names(labels));
        }

        Add(list, project, "review_timeout", "review timeout");
        if (project.TryField("keys", out var keys))
        {
            AddKeys(list, keys);
        }

        Add(list, project, "created_on", "created");
        Add(list, project, "updated_on", "updated");
        if (project.ValueKind == JsonValueKind.Object)
        {
            foreach (var extra in project.EnumerateObject().Where(p => !Known.Contains(p.Name)))
            {
                list.Add(extra.Name.Replace('_', ' '), JsonValues.Describe(extra.Value));
            }
        }

        list.WriteTo(output);
    }

    private static void Add(KeyValueList list, JsonElement project, string field, string label)
    {
        if (project.TryField(field, out var value))
        {
            list.Add(label, JsonValues.Describe(value));
        }
    }

    private static string Thresholds(JsonElement thresholds)
    {
        if (thresholds.ValueKind != JsonValueKind.Object)
        {
            return JsonValues.Describe(thresholds);
        }

        var heads = thresholds.EnumerateObject().Select(p => $"{p.Name}={JsonValues.Describe(p.Value)}").ToList();
        return heads.Count > 0 ? string.Join(", ", heads) : "none";
    }

    /// <summary>A list of names, comma-separated, or <c>none</c>.</summary>
    private static string Names(JsonElement names)
    {
        if (names.ValueKind != JsonValueKind.Array)
        {
            return JsonValues.Describe(names);
        }

        var listed = names.EnumerateArray().Select(JsonValues.Describe).ToList();
        return listed.Count > 0 ? string.Join(", ", listed) : "none";
    }

    private static void AddKeys(KeyValueList list, JsonElement keys)
    {
        if (keys.ValueKind != JsonValueKind.Array)
        {
            list.Add("keys", JsonValues.Describe(keys));
            return;
        }

        foreach (var key in keys.EnumerateArray())
        {
            var label = key.TryField("slot", out var slot) ? $"key {JsonValues.Describe(slot)}" : "key";
            var parts = new List<string>();
            if (key.TryField("live", out var live))
            {
                parts.Add(live.ValueKind == JsonValueKind.False ? "revoked" : "live");
            }

            if (key.TryField("prefix", out var prefix))
            {
                parts.Add($"prefix {JsonValues.Describe(prefix)}");
            }

            if (key.TryField("created_on", out var created))
            {
                parts.Add($"created {JsonValues.Describe(created)}");
            }

            list.Add(label, parts.Count > 0 ? string.Join(", ", parts) : JsonValues.Describe(key));
        }
    }
}
