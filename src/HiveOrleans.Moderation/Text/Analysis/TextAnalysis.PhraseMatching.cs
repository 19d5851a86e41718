namespace HiveOrleans.Moderation.Text;

internal sealed partial class TextAnalysis
{
    /// <summary>
    /// Finds every lexicon word and phrase, lets innocent expressions and allowlisted terms claim their words,
    /// shadows the words inside a longer phrase, and gives each span its match range and its roles.
    /// </summary>
    private void FindMatches()
    {
        MatchCount = 0;

        // Many phrases of several languages start with the same short word ("on", "me", "a"); comparing the next
        // token's key hash first rules most of them out without touching their keys.
        if (_keyHashes.Length < TokenCount)
        {
            _keyHashes = new int[Math.Max(TokenCount, _keyHashes.Length * 2)];
        }

        for (var tokenIndex = 0; tokenIndex < TokenCount; tokenIndex++)
        {
            _keyHashes[tokenIndex] = LexiconKey.HashOf(Key(Tokens[tokenIndex]));
        }

        // The last token claimed by an innocent fixed expression or an allowlisted term: built-in entries skip it.
        var claimedUntil = -1;
        var claimedAny = false;
        for (var tokenIndex = 0; tokenIndex < TokenCount; tokenIndex++)
        {
            if (Tokens[tokenIndex].Custom is { } customEntries)
            {
                foreach (var entry in customEntries)
                {
                    if (!IsMatchAt(entry, tokenIndex))
                    {
                        continue;
                    }

                    if (entry.Has(WordRole.Benign))
                    {
                        claimedUntil = Math.Max(claimedUntil, tokenIndex + entry.Tokens.Length - 1);
                        Tokens[tokenIndex].Shape |= TokenShape.ClaimStart;
                        claimedAny = true;
                    }
                    else
                    {
                        AddMatch(tokenIndex, tokenIndex + entry.Tokens.Length - 1, entry);
                    }
                }
            }

            var entries = Tokens[tokenIndex].Entries;
            if (entries is null || tokenIndex <= claimedUntil)
            {
                continue;
            }

            var nextHash = tokenIndex + 1 < TokenCount ? _keyHashes[tokenIndex + 1] : 0;
            foreach (var entry in entries)
            {
                if (entry.Tokens.Length > 1 && (tokenIndex + 1 >= TokenCount || entry.Tokens[1].Hash != nextHash))
                {
                    continue;
                }

                if (IsMatchAt(entry, tokenIndex) && !(entry.Has(WordRole.NameLike) && IsNameCased(tokenIndex)))
                {
                    if (entry.Has(WordRole.Benign))
                    {
                        claimedUntil = tokenIndex + entry.Tokens.Length - 1;
                        Tokens[tokenIndex].Shape |= TokenShape.ClaimStart;
                        claimedAny = true;
                        break;
                    }

                    AddMatch(tokenIndex, tokenIndex + entry.Tokens.Length - 1, entry);
                    Tokens[tokenIndex].Roles |= entry.Roles;
                }
            }
        }

        // A phrase that began before an innocent expression and runs into it ("im high" in "I'm high on life") yields to it.
        if (claimedAny)
        {
            for (var m = 0; m < MatchCount; m++)
            {
                for (var tokenIndex = Matches[m].First + 1; tokenIndex <= Matches[m].Last && !Matches[m].Entry.IsCustom; tokenIndex++)
                {
                    if (Tokens[tokenIndex].Is(TokenShape.ClaimStart))
                    {
                        Matches[m].Shadowed = true;
                        break;
                    }
                }
            }
        }

        // Entries at one token come longest first, so a phrase precedes the words inside it. A project's
        // own terms neither hide built-in words nor are hidden by them.
        for (var m = 0; m < MatchCount; m++)
        {
            var phrase = Matches[m];
            var length = phrase.Last - phrase.First;
            if (length == 0 || phrase.Shadowed || phrase.Entry.IsCustom)
            {
                continue;
            }

            for (var n = m + 1; n < MatchCount && Matches[n].First <= phrase.Last; n++)
            {
                if (Matches[n].Last <= phrase.Last && Matches[n].Last - Matches[n].First < length && !Matches[n].Entry.IsCustom)
                {
                    Matches[n].Shadowed = true;
                }
            }
        }

        for (var spanIndex = 0; spanIndex < SpanCount; spanIndex++)
        {
            Spans[spanIndex].FirstMatch = Spans[spanIndex].MatchEnd = 0;
        }

        for (var m = MatchCount - 1; m >= 0; m--)
        {
            Spans[Tokens[Matches[m].First].Span].FirstMatch = m;
        }

        for (var m = 0; m < MatchCount; m++)
        {
            Spans[Tokens[Matches[m].First].Span].MatchEnd = m + 1;
        }

        for (var spanIndex = 0; spanIndex < SpanCount; spanIndex++)
        {
            var roles = WordRole.None;
            for (var tokenIndex = Spans[spanIndex].FirstToken; tokenIndex < Spans[spanIndex].TokenEnd; tokenIndex++)
            {
                roles |= Tokens[tokenIndex].Roles;
            }

            Spans[spanIndex].Roles = roles;
        }
    }

    private bool IsMatchAt(LexiconEntry entry, int first)
    {
        var words = entry.Tokens;
        if (first + words.Length > TokenCount)
        {
            return false;
        }

        var spanIndex = Tokens[first].Span;
        for (var k = 0; k < words.Length; k++)
        {
            ref readonly var token = ref Tokens[first + k];
            if (token.Span != spanIndex
                || !Key(token).SequenceEqual(words[k].Skeleton)
                || !words[k].RunsMatch(Runs(token)))
            {
                return false;
            }
        }

        return true;
    }

    private void AddMatch(int first, int last, LexiconEntry entry)
    {
        if (MatchCount == Matches.Length)
        {
            var grown = Matches;
            Array.Resize(ref grown, Matches.Length * 2);
            Matches = grown;
        }

        Matches[MatchCount++] = new LexiconMatch { First = first, Last = last, Entry = entry };
    }

    /// <summary>True when a token is written like a name: "Dick" mid-sentence, or "Molly Smith".</summary>
    public bool IsNameCased(int tokenIndex)
    {
        ref readonly var token = ref Tokens[tokenIndex];
        if (!char.IsUpper(Text[token.OrigStart]) || (token.OrigEnd - token.OrigStart > 1 && char.IsUpper(Text[token.OrigStart + 1])))
        {
            return false;
        }

        var firstInSpan = Spans[token.Span].FirstToken == tokenIndex;
        var nextIsCapitalised = tokenIndex + 1 < TokenCount && Tokens[tokenIndex + 1].Span == token.Span && char.IsUpper(Text[Tokens[tokenIndex + 1].OrigStart]);
        return !firstInSpan || nextIsCapitalised;
    }
}
