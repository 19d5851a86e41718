using System.Reflection;
using System.Text;
using System.Text.Json;

namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>Which part of the corpus a line belongs to; see Text/Corpus/README.md.</summary>
public enum CorpusSplit
{
    Train,
    Dev,
    Test,
}

/// <summary>One labelled line of the training corpus (Text/Corpus/*.jsonl).</summary>
/// <param name="Source">The file it came from, without extension: a language code, or <c>en-eval</c> for the engine's older evaluation set.</param>
/// <param name="Min">Harmful line: per head, the severity it must at least reach.</param>
/// <param name="Max">The most a head not in <paramref name="Min"/> may score; key <c>*</c> covers every head not named.</param>
public sealed record CorpusLine(
    string Source,
    string Text,
    string Language,
    IReadOnlyDictionary<string, int> Min,
    IReadOnlyDictionary<string, int> Max,
    IReadOnlyList<string> Tags)
{
    public CorpusSplit Split => TextCorpus.SplitOf(Text);

    /// <summary>The most <paramref name="head"/> may score on this line, or null when the line is harmful on it or says nothing.</summary>
    public int? Ceiling(string head) =>
        Min.ContainsKey(head) ? null
        : Max.TryGetValue(head, out var max) ? max
        : Max.TryGetValue("*", out var any) ? any
        : null;
}

/// <summary>
/// The labelled corpus the learned layer is trained on, embedded in this assembly from Text/Corpus/*.jsonl. A line's
/// split is fixed by its text alone (FNV-1a of its UTF-8 bytes, modulo 10: 0–5 train, 6–7 dev, 8–9 test), so adding
/// lines never moves old ones between splits.
/// </summary>
public static class TextCorpus
{
    private const string ResourcePrefix = "corpus.";

    private static readonly Lazy<IReadOnlyList<CorpusLine>> Embedded = new(LoadEmbedded);

    /// <summary>Every line of every language, in file order (languages by name).</summary>
    public static IReadOnlyList<CorpusLine> All => Embedded.Value;

    public static CorpusSplit SplitOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (Fnv1a(Encoding.UTF8.GetBytes(text)) % 10) switch
        {
            < 6 => CorpusSplit.Train,
            < 8 => CorpusSplit.Dev,
            _ => CorpusSplit.Test,
        };
    }

    /// <summary>Reads lines in the corpus format from <paramref name="reader"/>; a line without <c>lang</c> is English.</summary>
    /// <exception cref="FormatException">A line is not a corpus object; the message names the line.</exception>
    public static IReadOnlyList<CorpusLine> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new List<CorpusLine>();
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            try
            {
                lines.Add(Parse(raw, source));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new FormatException($"{source} line {number} is not a corpus line: {e.Message}", e);
            }
        }

        return lines;
    }

    private static CorpusLine Parse(string raw, string source)
    {
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        return new CorpusLine(
            source,
            root.GetProperty("text").GetString() ?? throw new InvalidOperationException("'text' is null."),
            root.TryGetProperty("lang", out var language) ? language.GetString() ?? "en" : "en",
            Levels(root, "min"),
            Levels(root, "max"),
            root.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(t => t.GetString() ?? "")] : []);
    }

    private static Dictionary<string, int> Levels(JsonElement root, string name)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var element))
        {
            foreach (var property in element.EnumerateObject())
            {
                levels[property.Name] = property.Value.GetInt32();
            }
        }

        return levels;
    }

    private static IReadOnlyList<CorpusLine> LoadEmbedded()
    {
        var assembly = typeof(TextCorpus).Assembly;
        var lines = new List<CorpusLine>();
        foreach (var name in ResourceNames(assembly))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            lines.AddRange(Read(reader, name[ResourcePrefix.Length..^".jsonl".Length]));
        }

        return lines;
    }

    private static IEnumerable<string> ResourceNames(Assembly assembly) =>
        assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    private static uint Fnv1a(ReadOnlySpan<byte> bytes, uint hash = 2166136261u)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
