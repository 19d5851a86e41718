using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>The speech part of an output entry, in Hive's shape.</summary>
internal static class SpeechEntry
{
    /// <summary>Hive's speech entry: the segment's transcript and its sentences, each with its classes and times.</summary>
    public static void Write(Utf8JsonWriter writer, string transcript, IReadOnlyList<SpeechClassification> classifications)
    {
        writer.WriteString("transcript", transcript);
        writer.WriteStartArray("classifications");
        foreach (var sentence in classifications)
        {
            writer.WriteStartObject();
            writer.WriteString("text", sentence.Text);
            writer.WriteStartArray("classes");
            foreach (var score in sentence.Classes)
            {
                writer.WriteStartObject();
                writer.WriteString("class", score.Class);
                writer.WriteNumber("score", score.Score);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("start_timestamp", sentence.StartTimestamp);
            writer.WriteNumber("end_timestamp", sentence.EndTimestamp);
            writer.WriteNumber("start_char_index", sentence.StartCharIndex);
            writer.WriteNumber("end_char_index", sentence.EndCharIndex);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
