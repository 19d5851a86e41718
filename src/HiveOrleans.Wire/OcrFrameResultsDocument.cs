using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// Hive's OCR <c>frame_results</c> of one output entry: per text block, its text, where it sits in the frame's text,
/// the text engine's classes, filters, PII and custom classes, and each word's box as a <c>bounding_poly</c>.
/// </summary>
internal static class OcrFrameResultsDocument
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<OcrFrameResult> blocks)
    {
        writer.WriteStartArray("frame_results");
        foreach (var block in blocks)
        {
            writer.WriteStartObject();
            writer.WriteString("language", block.Language);
            writer.WriteString("block_text", block.BlockText);
            writer.WriteNumber("start_char_index", block.StartCharIndex);
            writer.WriteNumber("end_char_index", block.EndCharIndex);
            writer.WriteStartArray("classes");
            foreach (var score in block.Classes)
            {
                writer.WriteStartObject();
                writer.WriteString("class", score.Class);
                writer.WriteNumber("score", score.Score);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            TaskDocument.WriteMatches(writer, "text_filters", block.TextFilters);
            TaskDocument.WriteMatches(writer, "pii_entities", block.PiiEntities);
            writer.WriteStartArray("custom_classes");
            foreach (var custom in block.CustomClasses)
            {
                writer.WriteStringValue(custom);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("bounding_poly");
            foreach (var word in block.Words)
            {
                WriteBox(writer, word);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteBox(Utf8JsonWriter writer, OcrBox box)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("dimensions");
        writer.WriteNumber("left", box.Left);
        writer.WriteNumber("right", box.Right);
        writer.WriteNumber("top", box.Top);
        writer.WriteNumber("bottom", box.Bottom);
        writer.WriteEndObject();
        writer.WriteStartArray("vertices");
        foreach (var (x, y) in new[] { (box.Left, box.Top), (box.Right, box.Top), (box.Right, box.Bottom), (box.Left, box.Bottom) })
        {
            writer.WriteStartObject();
            writer.WriteNumber("x", x);
            writer.WriteNumber("y", y);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("meta");
        writer.WriteNumber("score", box.Score);
        writer.WriteString("label", "text");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
