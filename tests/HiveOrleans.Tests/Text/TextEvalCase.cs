namespace HiveOrleans.Tests.Text;

/// <summary>One labelled text of the evaluation set; see <see cref="TextEvalSet"/>.</summary>
internal sealed record TextEvalCase(
    int Line,
    string Text,
    IReadOnlyDictionary<string, int> Min,
    IReadOnlyDictionary<string, int> Max,
    string? Language,
    IReadOnlyList<string> Tags)
{
    /// <summary>The most a head may score on this text, or null when the line says nothing about that head.</summary>
    public int? Ceiling(string head) =>
        Min.ContainsKey(head) ? null
        : Max.TryGetValue(head, out var max) ? max
        : Max.TryGetValue(TextEvalSet.Wildcard, out var any) ? any
        : null;
}
