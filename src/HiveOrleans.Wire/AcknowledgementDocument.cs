using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>Hive's answer to an async submission, sent only once the task is durably stored.</summary>
/// <remarks>
/// Written by hand like <see cref="TaskDocument"/>, not as a record of <see cref="WireJsonContext"/>: it answers every
/// async submission, the busiest request there is, and is written straight from the <see cref="TaskSnapshot"/>.
/// </remarks>
public static class AcknowledgementDocument
{
    public static void Write(Utf8JsonWriter writer, TaskSnapshot task)
    {
        var id = task.TaskId.ToString();
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("task_id", id);
        writer.WriteString("message", "We received your task.");
        writer.WriteNumber("project_id", task.Submission.ProjectId);
        writer.WriteNumber("user_id", task.Submission.UserId);
        writer.WriteString("callback_url", task.Submission.CallbackUrl);
        writer.WriteStartArray("status");
        writer.WriteStartObject();
        writer.WriteString("task_id", id);
        writer.WriteStartObject("status");
        writer.WriteString("code", "PENDING");
        writer.WriteString("message", "The task is queued.");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteNumber("queue_priority", 0);
        writer.WriteNumber("task_priority", 0);
        writer.WriteEndObject();
    }
}
