using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Review;

/// <summary>The JSON an audit entry carries beyond its columns (<c>detail</c>): what a decision said, or why a lease ended.</summary>
internal static class ReviewAuditDetails
{
    /// <summary>A decision or escalation: <c>{"decision", "labels", "reason"}</c>.</summary>
    public static string Decision(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Write(writer =>
        {
            writer.WriteString("decision", decision.Decision);
            writer.WriteStartArray("labels");
            foreach (var label in decision.Labels)
            {
                writer.WriteStringValue(label);
            }

            writer.WriteEndArray();
            if (decision.Reason is { } reason)
            {
                writer.WriteString("reason", reason);
            }
            else
            {
                writer.WriteNull("reason");
            }
        });
    }

    /// <summary>A lease that had run out when the task was claimed again: <c>{"lease_expired_on"}</c>.</summary>
    public static string Expired(DateTimeOffset until) => Write(writer => writer.WriteString("lease_expired_on", until.ToUniversalTime()));

    /// <summary>A lease ended because its holder was disabled: <c>{"cause": "reviewer_disabled"}</c>.</summary>
    public static string ReviewerDisabled { get; } = Write(writer => writer.WriteString("cause", "reviewer_disabled"));

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
