using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary><c>status[0].response.input</c>: what was submitted and which model and configuration ran on it.</summary>
public sealed record TaskInput
{
    /// <summary>Lowercase hex MD5 of the submitted bytes (the UTF-8 text for text; null until a URL is downloaded).</summary>
    public string? Hash { get; init; }

    /// <summary>The model that answered, e.g. <c>hive-orleans-text</c>.</summary>
    public string? Model { get; init; }

    /// <summary>The project's model type: <c>text</c>, <c>visual</c>, <c>ocr</c>, <c>speech</c>, ….</summary>
    public string? ModelType { get; init; }

    /// <summary>The model's version (several joined with <c>+</c>).</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The submitted text, for text submissions.</summary>
    public string? Text { get; init; }

    /// <summary>The media, for media and URL submissions; null for text.</summary>
    public MediaInfo? Media { get; init; }

    /// <summary>What the task was charged.</summary>
    public double? Charge { get; init; }

    /// <summary>The project's configuration version the task ran under.</summary>
    public long? ConfigVersion { get; init; }

    /// <summary>The project's configuration tag, if it has one.</summary>
    public string? ConfigTag { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static TaskInput From(JsonElement json) => new()
    {
        Hash = JsonRead.String(json, "hash"),
        Model = JsonRead.String(json, "model"),
        ModelType = JsonRead.String(json, "model_type"),
        ModelVersion = JsonRead.String(json, "model_version"),
        Text = JsonRead.String(json, "text"),
        Media = MediaInfo.From(JsonRead.Property(json, "media")),
        Charge = JsonRead.Double(json, "charge"),
        ConfigVersion = JsonRead.Long(json, "config_version"),
        ConfigTag = JsonRead.String(json, "config_tag"),
        Raw = json,
    };
}
