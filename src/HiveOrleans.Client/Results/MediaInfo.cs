using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary><c>input.media</c>: what was stored of a media submission and what the model saw in it.</summary>
public sealed record MediaInfo
{
    /// <summary><c>image</c>, <c>gif</c>, <c>video</c> or <c>audio</c> (null until a URL's download is done).</summary>
    public string? Type { get; init; }

    /// <summary>The type sniffed from the bytes, e.g. <c>image/jpeg</c>.</summary>
    public string? MimeType { get; init; }

    /// <summary>The upload's file name, or the URL's last path segment.</summary>
    public string? FileName { get; init; }

    /// <summary>The submitted URL, for URL submissions.</summary>
    public string? Url { get; init; }

    /// <summary>Seconds of video, GIF or audio.</summary>
    public double? Duration { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>How many entries <c>output</c> has in all (it may be paged).</summary>
    public int? NumFrames { get; init; }

    /// <summary>Bytes stored.</summary>
    public long? Size { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static MediaInfo? From(JsonElement json) => json.ValueKind != JsonValueKind.Object ? null : new()
    {
        Type = JsonRead.String(json, "type"),
        MimeType = JsonRead.String(json, "mimetype"),
        FileName = JsonRead.String(json, "filename"),
        Url = JsonRead.String(json, "url"),
        Duration = JsonRead.Double(json, "duration"),
        Width = JsonRead.Int(json, "width"),
        Height = JsonRead.Int(json, "height"),
        NumFrames = JsonRead.Int(json, "num_frames"),
        Size = JsonRead.Long(json, "size"),
        Raw = json,
    };
}
