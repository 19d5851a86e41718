using System.Text.Json;
using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>
/// The answer to a claim: <c>{"task", "lease_token", "lease_expires_on", "queue", "queued_on", "labels"}</c>. Written by
/// hand, as <see cref="TaskDocument"/> is, because it carries the Task object (with the model's output) exactly as
/// <c>GET /api/v2/task/{id}</c> answers it.
/// </summary>
public static class ReviewGrantDocument
{
    /// <summary>Writes the answer for <paramref name="grant"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ReviewGrant grant)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(grant);
        writer.WriteStartObject();
        writer.WritePropertyName("task");
        TaskDocument.Write(writer, grant.Task);
        writer.WriteString("lease_token", grant.Lease.ToString());
        writer.WriteString("lease_expires_on", TaskDocument.FormatTime(grant.LeaseUntil));
        writer.WriteString("queue", grant.Queue);
        writer.WriteString("queued_on", TaskDocument.FormatTime(grant.QueuedSince));
        writer.WriteStartArray("labels");
        foreach (var label in grant.Labels)
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
