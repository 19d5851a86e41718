using System.Text.Json;

namespace HiveOrleans.Tests.Text;

/// <summary>
/// The labelled texts in <c>Data/text-eval.jsonl</c>. Each line has the text and either <c>min</c> (the severity
/// each named head must at least reach: a harmful example) or <c>max</c> (the severity each head may at most
/// reach; <c>"*"</c> covers every head not named: a benign example), optionally both, plus the expected
/// <c>lang</c> and free-form <c>tags</c> (the obfuscation or look-alike the line exercises).
/// </summary>
internal static class TextEvalSet
{
    public const string Wildcard = "*";

    public static IReadOnlyList<TextEvalCase> Load(string path)
    {
        var cases = new List<TextEvalCase>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            cases.Add(new TextEvalCase(
                number,
                root.GetProperty("text").GetString() ?? "",
                ReadSeverities(root, "min"),
                ReadSeverities(root, "max"),
                root.TryGetProperty("lang", out var lang) ? lang.GetString() : null,
                root.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(tag => tag.GetString() ?? "")] : []));
        }

        return cases;
    }

    private static Dictionary<string, int> ReadSeverities(JsonElement root, string name)
    {
        var severities = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var element))
        {
            foreach (var property in element.EnumerateObject())
            {
                severities[property.Name] = property.Value.GetInt32();
            }
        }

        return severities;
    }
}
