namespace HiveOrleans.Moderation.Text;

internal sealed partial class TextAnalysis
{
    /// <summary>
    /// Finds the words of the folded text with their shapes (letters, digits, leetspeak symbols, masks, hidden
    /// characters), which the key look-up and the obfuscation signals read, gives each span its token range, and
    /// tells whether most words are Latin.
    /// </summary>
    private void Tokenize()
    {
        var latinWords = 0;
        var otherScriptWords = 0;
        TokenCount = 0;
        var spanIndex = 0;
        var i = 0;
        while (i < FoldLength)
        {
            if (!IsWordChar(_fold[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var shape = TokenShape.None;
            while (i < FoldLength)
            {
                var c = _fold[i];
                if (IsWordChar(c))
                {
                    shape |= c switch
                    {
                        >= 'a' and <= 'z' => TokenShape.HasLetter | TokenShape.HasAsciiLetter,
                        '1' => TokenShape.HasDigit | TokenShape.HasLeetSymbol | TokenShape.HasOne,
                        '0' or '3' or '4' or '5' or '7' => TokenShape.HasDigit | TokenShape.HasLeetSymbol,
                        >= '0' and <= '9' => TokenShape.HasDigit,
                        '@' or '$' => TokenShape.HasLeetSymbol,
                        _ => char.IsDigit(c) ? TokenShape.HasDigit : TokenShape.HasLetter | TokenShape.HasOtherLetter,
                    };
                }
                else if (c == '*' && i > start && MaskEnd(i) is var maskEnd && maskEnd > i)
                {
                    shape |= TokenShape.HasMask;
                    i = maskEnd;
                    continue;
                }
                else if (IsInnerChar(c) && i + 1 < FoldLength && IsWordChar(_fold[i + 1]))
                {
                    if (c != '\'')
                    {
                        shape |= TokenShape.HasLeetSymbol | (c == '|' ? TokenShape.HasOne : TokenShape.None);
                    }
                }
                else
                {
                    break;
                }

                i++;
            }

            if (_fold[start] == '@')
            {
                shape |= TokenShape.StartsWithAt;
            }

            var origStart = _foldStart[start];
            while (spanIndex < SpanCount - 1 && origStart >= Spans[spanIndex].End)
            {
                spanIndex++;
            }

            // Fewer folded characters than original ones: zero-width characters or combining marks inside the word.
            if (_foldEnd[i - 1] - origStart > i - start && HasRemovedInside(start, i))
            {
                shape |= TokenShape.HasRemoved;
            }

            if ((shape & TokenShape.HasOtherLetter) != 0)
            {
                otherScriptWords++;
            }
            else if ((shape & TokenShape.HasAsciiLetter) != 0)
            {
                latinWords++;
            }

            AddToken(new Token
            {
                FoldStart = start,
                FoldEnd = i,
                OrigStart = origStart,
                OrigEnd = _foldEnd[i - 1],
                Span = spanIndex,
                Shape = shape,
            });
        }

        _mostlyLatin = latinWords >= otherScriptWords;
        for (var tokenIndex = TokenCount - 1; tokenIndex >= 0; tokenIndex--)
        {
            Spans[Tokens[tokenIndex].Span].FirstToken = tokenIndex;
        }

        for (var tokenIndex = 0; tokenIndex < TokenCount; tokenIndex++)
        {
            Spans[Tokens[tokenIndex].Span].TokenEnd = tokenIndex + 1;
        }
    }

    // Original characters that fold to nothing between two folded ones; a surrogate pair is one letter, not a gap.
    private bool HasRemovedInside(int start, int end)
    {
        for (var k = start + 1; k < end; k++)
        {
            if (_foldStart[k] > _foldEnd[k - 1])
            {
                return true;
            }
        }

        return false;
    }

    // A run of up to four '*' between letters ("sh*t", "f**k"); a trailing run is punctuation.
    private int MaskEnd(int i)
    {
        var end = i;
        while (end < FoldLength && _fold[end] == '*')
        {
            end++;
        }

        if (end - i > 4)
        {
            return i;
        }

        return end < FoldLength && IsWordChar(_fold[end]) ? end : i;
    }

    private void AddToken(in Token token)
    {
        if (TokenCount == Tokens.Length)
        {
            var grown = Tokens;
            Array.Resize(ref grown, Tokens.Length * 2);
            Tokens = grown;
        }

        Tokens[TokenCount++] = token;
    }

    /// <summary>The words of a term as the tokenizer would find them in text, for compiling a project's own lists.</summary>
    public static List<string> SplitWords(string term)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < term.Length; i++)
        {
            var f = CharFolding.Fold(term[i]);
            if (f == CharFolding.Removed)
            {
                continue;
            }

            var inner = IsInnerChar(f) && word.Length > 0 && i + 1 < term.Length && IsWordChar(CharFolding.Fold(term[i + 1]));
            if (IsWordChar(f) || f == CharFolding.Expands || inner)
            {
                word.Append(term[i]);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool IsWordChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '@' or '$'
        || (c >= '\u0080' && c != '\uFFFD' && char.IsLetterOrDigit(c));

    // Inside a word these are apostrophes or leetspeak (sh!t, he|| ); elsewhere they are punctuation.
    private static bool IsInnerChar(char c) => c is '\'' or '!' or '|';
}
