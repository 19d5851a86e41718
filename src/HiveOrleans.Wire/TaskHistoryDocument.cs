using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// Ours: the Task object's <c>history</c> array (<c>GET /api/v2/task/{id}?history=true</c>), one object per decision,
/// oldest first. A model run shows its verdict (<see cref="OutputVerdict"/>), custom classes and text filters; the full
/// output of the current one is the Task object's own <c>status[0].response</c>.
/// </summary>
public static class TaskHistoryDocument
{
    /// <summary>Writes <c>"history": [...]</c> into the object being written.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<TaskHistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(history);
        writer.WriteStartArray("history");
        foreach (var entry in history)
        {
            writer.WriteStartObject();
            writer.WriteString("trigger", entry.Trigger);
            writer.WriteString("recorded_on", TaskDocument.FormatTime(entry.RecordedOn));
            writer.WriteNumber("config_version", entry.ConfigVersion);
            writer.WriteBoolean("current", entry.Current);
            if (entry.Output is { } output)
            {
                writer.WriteString("model", output.Model);
                writer.WriteString("model_version", output.ModelVersion);
                writer.WriteStartArray("classes");
                foreach (var score in OutputVerdict.Of(output))
                {
                    writer.WriteStartObject();
                    writer.WriteString("class", score.Class);
                    writer.WriteNumber("score", score.Score);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("custom_classes");
                foreach (var custom in output.CustomClasses)
                {
                    writer.WriteStringValue(custom);
                }

                writer.WriteEndArray();
                TaskDocument.WriteMatches(writer, "text_filters", output.TextFilters);
            }

            if (entry.Review is { } review)
            {
                TaskDocument.WriteDecision(writer, review);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
