using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Wire;

/// <summary>
/// Ours, not Hive's: <c>progress</c> on a task that is processing and whose model reports how far it has come (speech:
/// seconds of audio heard), in the Task object and in <c>status</c> events. Absent otherwise.
/// </summary>
/// <param name="Unit">What is counted: <c>"seconds"</c>.</param>
/// <param name="Done">How many are done.</param>
/// <param name="Total">How many there are, or null when the media does not say.</param>
public sealed record TaskProgressDocument(string Unit, double Done, double? Total)
{
    /// <summary>The document for <paramref name="progress"/>, or null for none.</summary>
    public static TaskProgressDocument? From(TaskProgress? progress) =>
        progress is null ? null : new(progress.Unit, progress.Done, progress.Total);
}
