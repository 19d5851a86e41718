using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>One delivery attempt of a task's callback, as the task records it (the last 20 are kept).</summary>
public sealed record CallbackAttempt
{
    /// <summary>The attempt's number, counting from 1 across resends.</summary>
    public int Attempt { get; init; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The receiver's HTTP status, or null when no answer came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why no answer came (<c>connection refused</c>, <c>timed out after 10 s</c>, <c>refused: …</c>); null when one did.</summary>
    public string? Error { get; init; }

    /// <summary>How long it took, in milliseconds.</summary>
    public double? DurationMs { get; init; }

    /// <summary>The JSON object as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static CallbackAttempt From(JsonElement json) => new()
    {
        Attempt = JsonRead.Int(json, "attempt") ?? 0,
        Time = JsonRead.Time(json, "time"),
        StatusCode = JsonRead.Int(json, "status_code"),
        Error = JsonRead.String(json, "error"),
        DurationMs = JsonRead.Double(json, "duration_ms"),
        Raw = json,
    };
}
