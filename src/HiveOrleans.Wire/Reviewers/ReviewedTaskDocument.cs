using System.Text.Json;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire.Reviewers;

/// <summary>
/// The answer to a decision: <c>{"task": Task object}</c>, the task as it stands after it (finished with its
/// <c>review</c>, or still <c>AWAITING_REVIEW</c> in the escalated queue). Written by hand around <see cref="TaskDocument"/>.
/// </summary>
public static class ReviewedTaskDocument
{
    /// <summary>Writes the answer for <paramref name="task"/>.</summary>
    public static void Write(Utf8JsonWriter writer, TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("task");
        TaskDocument.Write(writer, task);
        writer.WriteEndObject();
    }
}
