using System.Text;
using System.Text.Json.Nodes;
using HiveOrleans.Cli.Parsing;

namespace HiveOrleans.Cli.Commands;

/// <summary>
/// The files <c>banks add</c> and <c>banks remove</c> read: <c>content_id,hash,label</c> lines, comma- or
/// tab-separated with an optional header, and content ids one a line. The whole file is read and checked before
/// anything is sent, because a file goes in several requests and a bad line found late would leave it half applied.
/// </summary>
internal static class BankFile
{
    private static readonly string[] Columns = ["content_id", "hash", "label"];

    /// <summary>
    /// The hashes in <paramref name="path"/>. Only the shape is checked here (three fields, a 64-hex-digit hash, each
    /// content id once); what a valid label or content id is stays the API's rule, and its refusal names the line.
    /// </summary>
    public static IReadOnlyList<BankEntry> ReadHashes(string path)
    {
        var lines = ReadLines(path);
        var tabs = lines.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Contains('\t', StringComparison.Ordinal) ?? false;
        var entries = new List<BankEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = true;
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var number = i + 1;
            List<string> fields = tabs
                ? [.. lines[i].Split('\t', StringSplitOptions.TrimEntries)]
                : SplitCsv(lines[i]) ?? throw LineError(path, number, "a quoted field has no closing quote, or text after it");
            if (first && IsHeader(fields, path, number))
            {
                first = false;
                continue;
            }

            first = false;
            if (fields.Count != Columns.Length)
            {
                var separator = tabs ? "tab" : "comma";
                throw LineError(path, number, $"expected {string.Join(tabs ? "<tab>" : ",", Columns)} ({separator}-separated), found {Fields(fields.Count)}");
            }

            var (contentId, hash, label) = (fields[0], fields[1], fields[2]);
            if (contentId.Length == 0)
            {
                throw LineError(path, number, "the content id is empty");
            }

            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            {
                throw LineError(path, number, $"'{Shortened(hash)}' is not a PDQ hash (64 hex digits)");
            }

            if (label.Length == 0)
            {
                throw LineError(path, number, "the label is empty");
            }

            if (!seen.TryAdd(contentId, number))
            {
                throw LineError(path, number, $"content id '{Shortened(contentId)}' is also on line {seen[contentId]}; give each content id once");
            }

            entries.Add(new BankEntry(new JsonObject { ["content_id"] = contentId, ["hash"] = hash, ["label"] = label }, number));
        }

        return entries.Count > 0 ? entries : throw new UsageException($"'{path}' has no hashes; expected lines of {string.Join(',', Columns)}");
    }

    /// <summary>The content ids in <paramref name="path"/>, one a line, blank lines skipped.</summary>
    public static IReadOnlyList<BankEntry> ReadContentIds(string path)
    {
        var lines = ReadLines(path);
        var entries = new List<BankEntry>();
        for (var i = 0; i < lines.Length; i++)
        {
            var contentId = lines[i].Trim();
            if (contentId.Length > 0)
            {
                entries.Add(new BankEntry(JsonValue.Create(contentId), i + 1));
            }
        }

        return entries.Count > 0 ? entries : throw new UsageException($"'{path}' has no content ids; expected one a line");
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': {ex.Message}");
        }
    }

    /// <summary>A header is the three column names in order; in another order it would be read wrongly, so it is refused.</summary>
    private static bool IsHeader(IReadOnlyList<string> fields, string path, int number)
    {
        var names = fields.Select(f => f.ToLowerInvariant()).ToList();
        if (names.SequenceEqual(Columns))
        {
            return true;
        }

        return names.Count == Columns.Length && names.Order(StringComparer.Ordinal).SequenceEqual(Columns.Order(StringComparer.Ordinal))
            ? throw LineError(path, number, $"the columns must be {string.Join(',', Columns)}, in that order")
            : false;
    }

    /// <summary>
    /// One line of CSV: fields trimmed, or in double quotes (a quote inside doubled) to keep a comma or spaces.
    /// <c>null</c> when a quote is left open or followed by more than spaces before the next comma.
    /// </summary>
    private static List<string>? SplitCsv(string line)
    {
        var fields = new List<string>();
        var i = SkipSpaces(line, 0);
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var field = new StringBuilder();
                i++;
                while (i < line.Length && (line[i] != '"' || (i + 1 < line.Length && line[i + 1] == '"')))
                {
                    field.Append(line[i]);
                    i += line[i] == '"' ? 2 : 1;
                }

                if (i == line.Length)
                {
                    return null;
                }

                fields.Add(field.ToString());
                i = SkipSpaces(line, i + 1);
                if (i < line.Length && line[i] != ',')
                {
                    return null;
                }
            }
            else
            {
                var start = i;
                var comma = line.IndexOf(',', i);
                i = comma < 0 ? line.Length : comma;
                fields.Add(line[start..i].Trim());
            }

            if (i == line.Length)
            {
                return fields;
            }

            i = SkipSpaces(line, i + 1);
        }
    }

    private static int SkipSpaces(string line, int i)
    {
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return i;
    }

    private static string Fields(int count) => count == 1 ? "1 field" : $"{count} fields";

    private static string Shortened(string text) => text.Length <= 70 ? text : $"{text[..67]}...";

    private static UsageException LineError(string path, int number, string problem) => new($"{path} line {number}: {problem}");
}
