namespace HiveOrleans.Moderation.Text;

internal sealed partial class TextAnalysis
{
    /// <summary>
    /// Folds every character to the form the lexicons are written in (see <see cref="CharFolding"/>) and keeps, for
    /// each folded character, the original range it came from: the stages after this one read only folded text,
    /// while spans and hits report offsets into the original.
    /// </summary>
    private void FoldText(string text)
    {
        // Expansions (ß → ss, ﬃ → ffi) at most triple a character.
        var capacity = (text.Length * 3) + 2;
        if (_fold.Length < capacity)
        {
            _fold = new char[capacity];
            _foldStart = new int[capacity];
            _foldEnd = new int[capacity];
        }

        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            char f;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                f = CharFolding.FoldSupplementary(char.ConvertToUtf32(c, text[i + 1]));
                width = 2;
            }
            else
            {
                f = CharFolding.Fold(c);
            }

            if (f == CharFolding.Expands)
            {
                foreach (var e in CharFolding.Expansion(c))
                {
                    _fold[n] = e;
                    _foldStart[n] = i;
                    _foldEnd[n] = i + 1;
                    n++;
                }
            }
            else if (f != CharFolding.Removed)
            {
                _fold[n] = f;
                _foldStart[n] = i;
                _foldEnd[n] = i + width;
                n++;
            }

            i += width - 1;
        }

        FoldLength = n;
    }
}
