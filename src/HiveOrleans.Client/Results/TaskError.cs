using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>Why a task failed: <c>error: {"code", "message"}</c>, e.g. <c>FETCH_FAILED</c> with the download's reason.</summary>
public sealed record TaskError
{
    /// <summary><c>FETCH_FAILED</c>, <c>UNSUPPORTED_MEDIA</c>, <c>MODEL_FAILED</c>, <c>TIMEOUT</c>, ….</summary>
    public required string Code { get; init; }

    /// <summary>The reason, in words.</summary>
    public string? Message { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static TaskError? From(JsonElement json) => json.ValueKind != JsonValueKind.Object ? null : new()
    {
        Code = JsonRead.String(json, "code") ?? "",
        Message = JsonRead.String(json, "message"),
        Raw = json,
    };
}
