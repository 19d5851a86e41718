using System.Buffers;

namespace HiveOrleans.Moderation.Text;

internal sealed partial class TextAnalysis
{
    /// <summary>
    /// Cuts the text into sentences and lines, trimmed of white space: each is scored and reported on its own,
    /// and the context rules, but for <see cref="CrossSpanRules"/>, look no further than their span.
    /// </summary>
    private void SplitSpans(string text)
    {
        SpanCount = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var skip = text.AsSpan(i).IndexOfAny(SpanBreaks);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            var c = text[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085')
            {
                AddSpan(text, start, i);
                start = i + 1;
            }
            else if (IsSentenceEnd(c))
            {
                var j = i + 1;
                while (j < text.Length && (IsSentenceEnd(text[j]) || text[j] is '"' or '\'' or ')' or ']' or '”' or '’' or '»'))
                {
                    j++;
                }

                if (j == text.Length || char.IsWhiteSpace(text[j]))
                {
                    AddSpan(text, start, j);
                    start = j;
                }

                i = j - 1;
            }
        }

        AddSpan(text, start, text.Length);
    }

    private static readonly SearchValues<char> SpanBreaks = SearchValues.Create("\n\r\u2028\u2029\u0085.!?。！？…");

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or '。' or '！' or '？' or '…';

    private void AddSpan(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end == start)
        {
            return;
        }

        if (SpanCount == Spans.Length)
        {
            var grown = Spans;
            Array.Resize(ref grown, Spans.Length * 2);
            Spans = grown;
        }

        Spans[SpanCount++] = new TextSpan { Start = start, End = end };
    }
}
