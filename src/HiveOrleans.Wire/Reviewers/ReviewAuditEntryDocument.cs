using System.Text.Json;
using HiveOrleans.Abstractions.Reviewers;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>One entry of the review audit log, as <c>GET /admin/v1/audit</c> lists it.</summary>
/// <param name="Seq">Its place in the log; pages follow it.</param>
/// <param name="At">When it happened.</param>
/// <param name="Action"><c>claim</c>, <c>renew</c>, <c>release</c>, <c>expire</c>, <c>decide</c>, <c>escalate</c> or <c>timeout</c>.</param>
/// <param name="ProjectId">The task's project.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Queue">The queue it was in.</param>
/// <param name="ReviewerId">Who acted; null when no reviewer did (a time-out).</param>
/// <param name="LeaseToken">The lease it concerned; null if none.</param>
/// <param name="Detail">What the action said beyond these (a decision's labels and reason) as a JSON object; null if nothing.</param>
public sealed record ReviewAuditEntryDocument(
    long Seq,
    DateTimeOffset At,
    string Action,
    long ProjectId,
    Guid TaskId,
    string Queue,
    long? ReviewerId,
    Guid? LeaseToken,
    JsonElement? Detail)
{
    /// <summary>The document for a stored entry. Its detail is stored as JSON text and is written as JSON, not as a string of it.</summary>
    public static ReviewAuditEntryDocument From(ReviewAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = record.Entry;
        return new(record.Seq, entry.At, entry.Action, entry.ProjectId, entry.TaskId, entry.Queue, entry.ReviewerId, entry.Lease, AsJson(entry.Detail));
    }

    private static JsonElement? AsJson(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // The log only ever stores JSON here; should a row say otherwise, it is shown as the text it is rather than lost.
            return JsonSerializer.SerializeToElement(text, WireJsonContext.Default.String);
        }
    }
}
