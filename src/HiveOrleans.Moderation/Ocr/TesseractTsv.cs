using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HiveOrleans.Moderation.Ocr;

/// <summary>
/// Reads tesseract's TSV output (<c>level page block par line word left top width height conf text</c>, one row per
/// page, block, paragraph, line and word) into blocks of words.
/// </summary>
internal static partial class TesseractTsv
{
    private const int WordLevel = 5;
    private const int Columns = 12;

    /// <param name="scale">How much larger the picture tesseract read was than the submitted one: boxes are divided by it.</param>
    public static IReadOnlyList<OcrBlock> Parse(string tsv, double scale)
    {
        var blocks = new List<OcrBlock>();
        var words = new List<OcrWord>();
        var text = new StringBuilder();
        (int Block, int Paragraph, int Line)? current = null;
        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < Columns || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level != WordLevel)
            {
                continue;
            }

            var word = cells[11].Trim();
            if (word.Length == 0)
            {
                continue;
            }

            word = BarLetters(word);

            var place = (Int(cells[2]), Int(cells[3]), Int(cells[4]));
            if (current is { } previous && previous.Block != place.Item1)
            {
                Flush();
            }
            else if (current is { } same)
            {
                text.Append(same == place ? ' ' : '\n');
            }

            current = place;
            text.Append(word);
            var confidence = double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var conf) ? Math.Clamp(conf / 100, 0, 1) : 0;
            words.Add(new OcrWord(
                word,
                (int)Math.Round(Int(cells[6]) / scale),
                (int)Math.Round(Int(cells[7]) / scale),
                Math.Max(1, (int)Math.Round(Int(cells[8]) / scale)),
                Math.Max(1, (int)Math.Round(Int(cells[9]) / scale)),
                Math.Round(confidence, 4)));
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (words.Count > 0)
            {
                blocks.Add(new OcrBlock(DigitPronoun().Replace(text.ToString(), "I"), [.. words]));
            }

            words.Clear();
            text.Clear();
        }
    }

    /// <summary>
    /// In the sans-serif faces of memes and captions a capital I is a bare bar, which tesseract reads as '|', '1' or
    /// 'l': a lone bar or 'l' is the pronoun I, and a '|' among letters is an I in capitals, else an l.
    /// </summary>
    internal static string BarLetters(string word)
    {
        if (word is "|" or "l" or "|," or "l,")
        {
            return "I" + word[1..];
        }

        if (!word.Contains('|', StringComparison.Ordinal) || !word.Any(char.IsLetter))
        {
            return word;
        }

        var capitals = word.Where(char.IsLetter).All(char.IsUpper);
        return word.Replace('|', capitals ? 'I' : 'l');
    }

    /// <summary>A lone "1" before a lower-case word: the pronoun I, read from a bar (same length, so indices hold).</summary>
    [GeneratedRegex(@"(?<=^|\s)1(?= [a-z])")]
    private static partial Regex DigitPronoun();

    private static int Int(string cell) => int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
