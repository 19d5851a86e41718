namespace HiveOrleans.Cli.Output;

/// <summary>Columns padded to their widest cell, two spaces apart, so the output lines up and still greps.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((header, i) => _rows.Select(r => Cell(r, i).Length).Prepend(header.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static string Cell(string[] row, int index) => index < row.Length ? Flatten(row[index]) : string.Empty;

    private static string Flatten(string text) => text.ReplaceLineEndings(" ");

    private static void WriteRow(TextWriter output, string[] row, int[] widths)
    {
        var line = string.Join("  ", widths.Select((width, i) => Cell(row, i).PadRight(width)));
        output.WriteLine(line.TrimEnd());
    }
}
