using System.Text.Json.Nodes;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary>The project settings shared by <c>projects create</c> and <c>projects update</c>, and the JSON they become.</summary>
internal static class ProjectFields
{
    public static readonly OptionDefinition[] Settings =
    [
        new("review", "MODE", "model_only (the model's answer is final) or manual_review"),
        new("user-id", "N", "the owning user's id, reported in task results"),
        new("sync-timeout", "SECONDS", "how long /api/v2/task/sync waits for a result before answering 504"),
        new("max-text-length", "N", "the longest text_data accepted, in characters"),
        new("max-body-bytes", "N", "the largest request body accepted, in bytes"),
        new("rate", "PER_SECOND", "cluster-wide requests per second"),
        new("burst", "N", "requests allowed at once above the rate"),
        new("daily-quota", "N", "tasks accepted per UTC day"),
        new("charge", "AMOUNT", "what one task costs, for usage reports"),
        new("config-tag", "TAG", "a label for this configuration, carried in task results"),
        new("threshold", "HEAD=N", "lowest score reported for a class: a severity 0-3 on text (violence=2), a score 0-1 on visual (general_nsfw=0.2); repeat for more", Repeatable: true),
        new("frame-rate", "N", "frames per second sampled from a video or GIF (visual projects)"),
        new("hash-banks", "A,B", "the banks media is matched against, comma-separated; replaces the list, '' for none (visual projects)"),
        new("visual-models", "A,B", "the models run on each frame, from nsfw, hash_banks, ocr and registered models (models list), comma-separated; '' for the default (visual projects)"),
        new("ocr-languages", "A,B", "the tesseract languages read, e.g. eng,deu (each needs its Debian package tesseract-ocr-<lang> on the silos), comma-separated; '' for the default, eng (OCR, and visual projects running ocr)"),
        new("review-when", "CLASS=N", "manual review: 'always' (default), or send only tasks scoring a class at least N, e.g. violence=2 (repeat for more classes)", Repeatable: true),
        new("review-sample", "SHARE", "manual review: the share (0-1) of other tasks reviewed anyway; default 0"),
        new("review-labels", "A,B", "manual review: the labels a rejection may name, comma-separated; '' for the default, the project's classes"),
        new("review-timeout", "DURATION", "manual review: how long a task waits for a decision, e.g. 30m, 24h, 7d; 'none' for no limit (default)"),
    ];

    public static JsonObject ToJson(CommandArguments arguments)
    {
        var body = new JsonObject();
        Put(body, "name", arguments.String("name"));
        Put(body, "model_type", arguments.String("model-type"));
        Put(body, "review", arguments.OneOf("review", "model_only", "manual_review"));
        Put(body, "user_id", arguments.WholeNumber("user-id", minimum: 1));
        Put(body, "sync_timeout_seconds", arguments.Number("sync-timeout"));
        Put(body, "max_text_length", arguments.WholeNumber("max-text-length", minimum: 1));
        Put(body, "max_body_bytes", arguments.WholeNumber("max-body-bytes", minimum: 1));

        // Only the half that was given is sent, so an update can change the burst and keep the rate.
        var rate = new JsonObject();
        Put(rate, "per_second", arguments.Number("rate"));
        Put(rate, "burst", arguments.WholeNumber("burst", minimum: 1));
        if (rate.Count > 0)
        {
            body["rate_limit"] = rate;
        }

        Put(body, "daily_quota", arguments.WholeNumber("daily-quota", minimum: 0));
        Put(body, "charge_per_task", arguments.Amount("charge"));
        Put(body, "config_tag", arguments.String("config-tag"));
        if (arguments.Has("threshold"))
        {
            body["thresholds"] = Thresholds(arguments.All("threshold"));
        }

        Put(body, "frame_rate", arguments.Number("frame-rate"));
        if (arguments.CommaList("hash-banks") is { } banks)
        {
            body["hash_banks"] = new JsonArray([.. banks.Select(bank => JsonValue.Create(bank))]);
        }

        if (arguments.CommaList("visual-models") is { } models)
        {
            body["visual_models"] = models.Count > 0 ? new JsonArray([.. models.Select(model => JsonValue.Create(model))]) : null;
        }

        if (arguments.CommaList("ocr-languages") is { } languages)
        {
            body["ocr_languages"] = languages.Count > 0 ? new JsonArray([.. languages.Select(language => JsonValue.Create(language))]) : null;
        }

        AddReview(body, arguments);
        return body;
    }

    /// <summary>The manual-review settings; the gateway checks them against the project (classes, ranges, durations).</summary>
    private static void AddReview(JsonObject body, CommandArguments arguments)
    {
        if (arguments.Has("review-when"))
        {
            var when = arguments.All("review-when");
            body["review_when"] = when is ["always"] ? JsonValue.Create("always") : Severities("review-when", "CLASS", when);
        }

        if (arguments.Number("review-sample") is { } sample)
        {
            body["review_sample"] = sample;
        }

        if (arguments.CommaList("review-labels") is { } labels)
        {
            body["review_labels"] = labels.Count > 0 ? new JsonArray([.. labels.Select(label => JsonValue.Create(label))]) : null;
        }

        if (arguments.String("review-timeout") is { } timeout)
        {
            body["review_timeout"] = timeout == "none" ? null : timeout;
        }
    }

    /// <summary><c>HEAD=N</c> pairs with N a number (whole severities for text, scores 0–1 for visual; the gateway checks which).</summary>
    internal static JsonObject Thresholds(IReadOnlyList<string> given)
    {
        var thresholds = new JsonObject();
        foreach (var text in given)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? string.Empty : text[..equals].Trim();
            if (name.Length == 0
                || !decimal.TryParse(text.AsSpan(equals + 1), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var level))
            {
                throw new UsageException($"--threshold takes HEAD=N with N a number, e.g. violence=2 or general_nsfw=0.2, not '{text}'");
            }

            if (thresholds.ContainsKey(name))
            {
                throw new UsageException($"--threshold for '{name}' is given more than once");
            }

            thresholds[name] = level;
        }

        return thresholds;
    }

    /// <summary><c>NAME=N</c> pairs as a JSON object, each name once.</summary>
    private static JsonObject Severities(string option, string what, IReadOnlyList<string> given)
    {
        var severities = new JsonObject();
        foreach (var text in given)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? string.Empty : text[..equals].Trim();
            if (name.Length == 0
                || !int.TryParse(text.AsSpan(equals + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var severity))
            {
                throw new UsageException(option == "review-when"
                    ? $"--review-when takes 'always' or CLASS=N with N a whole number, e.g. violence=2, not '{text}'"
                    : $"--{option} takes {what}=N with N a whole number, e.g. violence=2, not '{text}'");
            }

            if (severities.ContainsKey(name))
            {
                throw new UsageException($"--{option} for '{name}' is given more than once");
            }

            severities[name] = severity;
        }

        return severities;
    }

    /// <summary>Leaves out what was not given, so the API applies its default (create) or keeps the value (update).</summary>
    private static void Put(JsonObject body, string name, JsonNode? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }
}
