using System.Text.Json;

namespace HiveOrleans.Wire.Batches;

/// <summary>
/// The answer to <c>POST /api/v2/task/batch</c>, sent once every accepted item is durably stored:
/// <c>{"batch_id", "accepted", "rejected", "items": [{"task_id"} | {"error": {"return_code", "message"}}]}</c>, one entry
/// per item in the order sent.
/// </summary>
/// <remarks>Written by hand, like <see cref="AcknowledgementDocument"/>: it can hold 100,000 entries.</remarks>
public static class BatchAcknowledgementDocument
{
    public static void Write(Utf8JsonWriter writer, Guid batchId, IReadOnlyList<BatchItemOutcome> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        var accepted = items.Count(i => i.TaskId is not null);
        writer.WriteStartObject();
        writer.WriteString("batch_id", batchId);
        writer.WriteNumber("accepted", accepted);
        writer.WriteNumber("rejected", items.Count - accepted);
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            writer.WriteStartObject();
            if (item.TaskId is { } taskId)
            {
                writer.WriteString("task_id", taskId);
            }
            else
            {
                writer.WriteStartObject("error");
                writer.WriteNumber("return_code", item.ReturnCode);
                writer.WriteString("message", item.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
