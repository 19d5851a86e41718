using System.Text.Json;
using HiveOrleans.Abstractions.Batches;

namespace HiveOrleans.Wire.Batches;

/// <summary>
/// The batch callback's body, POSTed once every task of a batch has finished:
/// <c>{"batch_id", "project_id", "items", "accepted", "rejected", "succeeded", "failed", "task_ids"}</c>.
/// </summary>
/// <remarks>Written by hand: <c>task_ids</c> can hold 100,000 ids. Every attempt sends the same bytes.</remarks>
public static class BatchCallbackDocument
{
    public static byte[] ToUtf8Bytes(BatchProgress batch, IReadOnlyList<Guid> taskIds)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(taskIds);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + taskIds.Count * 40);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("batch_id", batch.BatchId);
            writer.WriteNumber("project_id", batch.ProjectId);
            writer.WriteNumber("items", batch.Items ?? 0);
            writer.WriteNumber("accepted", batch.Accepted);
            writer.WriteNumber("rejected", batch.Rejected ?? 0);
            writer.WriteNumber("succeeded", batch.Succeeded);
            writer.WriteNumber("failed", batch.Failed);
            writer.WriteStartArray("task_ids");
            foreach (var id in taskIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
