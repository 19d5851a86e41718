namespace HiveOrleans.Cli.Output;

/// <summary>A label per line with the values aligned after the longest label.</summary>
internal sealed class KeyValueList
{
    private readonly List<(string Label, string Value)> _lines = [];

    public KeyValueList Add(string label, string value)
    {
        _lines.Add((label, value));
        return this;
    }

    public void WriteTo(TextWriter output, string indent = "")
    {
        var width = _lines.Count == 0 ? 0 : _lines.Max(l => l.Label.Length);
        foreach (var (label, value) in _lines)
        {
            output.WriteLine($"{indent}{(label + ":").PadRight(width + 1)}  {value.ReplaceLineEndings(" ")}".TrimEnd());
        }
    }
}
