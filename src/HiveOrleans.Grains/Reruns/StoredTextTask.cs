using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Tasks;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// What a shadow rerun needs of a stored text task, its text and its verdict, read straight from the stored JSON
/// (<see cref="TaskState"/>'s layout) without building the task: deserialising the whole state cost a quarter of a
/// rerun's CPU and most of its allocation. Whatever it does not expect (a task not succeeded, no text, OCR blocks, a
/// property of another type, another layout) it leaves to the whole deserialisation by answering false, so it never
/// decides differently from it.
/// </summary>
internal static class StoredTextTask
{
    public static bool TryRead(ReadOnlySpan<byte> json, ClassNumbers classes, [NotNullWhen(true)] out string? text, [NotNullWhen(true)] out Verdict? verdict)
    {
        text = null;
        verdict = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var succeeded = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Phase"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var phase))
                    {
                        return false;
                    }

                    succeeded = phase == (int)TaskPhase.Succeeded;
                }
                else if (reader.ValueTextEquals("Submission"u8))
                {
                    if (!TryReadText(ref reader, out text))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("Output"u8))
                {
                    if (!TryReadVerdict(ref reader, classes, out verdict))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && succeeded && text is not null && verdict is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The submission's <c>TextData</c> (null for a media task, or no submission); false if it is not as expected.</summary>
    private static bool TryReadText(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("TextData"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                text = reader.GetString();
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>The output's verdict: each entry's class scores, and its custom classes at <see cref="Wire.OutputVerdict.CustomClassScore"/>.</summary>
    private static bool TryReadVerdict(ref Utf8JsonReader reader, ClassNumbers classes, out Verdict? verdict)
    {
        verdict = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var read = new Verdict(classes);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Entries"u8))
            {
                if (!TryReadArray(ref reader, out var empty) || (!empty && !TryReadEntries(ref reader, read)))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("CustomClasses"u8))
            {
                if (!TryReadArray(ref reader, out var empty))
                {
                    return false;
                }

                while (!empty && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    read.Add(classes.Of(ref reader), Wire.OutputVerdict.CustomClassScore);
                }

                if (!empty && reader.TokenType != JsonTokenType.EndArray)
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        verdict = read;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Reads the value of a list property: true if it is an array (<paramref name="empty"/> when null), the reader on its start.</summary>
    private static bool TryReadArray(ref Utf8JsonReader reader, out bool empty)
    {
        reader.Read();
        empty = reader.TokenType == JsonTokenType.Null;
        return empty || reader.TokenType == JsonTokenType.StartArray;
    }

    private static bool TryReadEntries(ref Utf8JsonReader reader, Verdict verdict)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Classes"u8))
                {
                    if (!TryReadArray(ref reader, out var empty) || (!empty && !TryReadScores(ref reader, verdict)))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("FrameResults"u8))
                {
                    // OCR blocks carry scores of their own: such a task is the whole deserialisation's.
                    if (!TryReadArray(ref reader, out var empty) || (!empty && (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>An entry's <c>Classes</c>: objects of <c>Class</c> and <c>Score</c>.</summary>
    private static bool TryReadScores(ref Utf8JsonReader reader, Verdict verdict)
    {
        // An entry lists its classes in the same order as the one before: each is first looked for after the last.
        var guess = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            int? number = null;
            double? score = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Class"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    number = verdict.Classes.Of(ref reader, guess);
                }
                else if (reader.ValueTextEquals("Score"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        return false;
                    }

                    score = reader.GetDouble();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || number is not { } known || score is not { } value)
            {
                return false;
            }

            verdict.Add(known, value);
            guess = known + 1;
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }
}
