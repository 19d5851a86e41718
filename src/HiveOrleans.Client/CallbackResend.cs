using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>The answer to <see cref="HiveOrleansClient.ResendCallbackAsync"/>: the resend is on record and the callback follows.</summary>
public sealed record CallbackResend
{
    /// <summary>The task.</summary>
    public required string TaskId { get; init; }

    /// <summary><c>The callback will be sent again.</c></summary>
    public string? Message { get; init; }

    /// <summary>Where it will be sent.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>When the resend was asked for; the callback's payload carries the same <c>resent_on</c>.</summary>
    public DateTimeOffset? ResentOn { get; init; }

    /// <summary><c>api</c>.</summary>
    public string? ResentBy { get; init; }

    /// <summary>The answer as the gateway sent it.</summary>
    public JsonElement Raw { get; init; }

    internal static CallbackResend From(JsonElement json) => new()
    {
        TaskId = JsonRead.String(json, "task_id") ?? "",
        Message = JsonRead.String(json, "message"),
        CallbackUrl = JsonRead.String(json, "callback_url"),
        ResentOn = JsonRead.Time(json, "resent_on"),
        ResentBy = JsonRead.String(json, "resent_by"),
        Raw = json,
    };
}
