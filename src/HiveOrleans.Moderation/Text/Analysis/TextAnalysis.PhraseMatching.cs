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

        // The last token claimed by an innocent fixed expression or an allowlisted term: built-in entries skip it.
        var claimedUntil = -1;
        var claimedAny = false;
        for (var t = 0; t < TokenCount; t++)
        {
            if (Tokens[t].Custom is { } customEntries)
            {
                foreach (var entry in customEntries)
                {
                    if (!IsMatchAt(entry, t))
                    {
                        continue;
                    }

                    if (entry.Has(WordRole.Benign))
                    {
                        claimedUntil = Math.Max(claimedUntil, t + entry.Tokens.Length - 1);
                        Tokens[t].Shape |= TokenShape.ClaimStart;
                        claimedAny = true;
                    }
                    else
                    {
                        AddMatch(t, t + entry.Tokens.Length - 1, entry);
                    }
                }
            }

            var entries = Tokens[t].Entries;
            if (entries is null || t <= claimedUntil)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (IsMatchAt(entry, t) && !(entry.Has(WordRole.NameLike) && IsNameCased(t)))
                {
                    if (entry.Has(WordRole.Benign))
                    {
                        claimedUntil = t + entry.Tokens.Length - 1;
                        Tokens[t].Shape |= TokenShape.ClaimStart;
                        claimedAny = true;
                        break;
                    }

                    AddMatch(t, t + entry.Tokens.Length - 1, entry);
                    Tokens[t].Roles |= entry.Roles;
                }
            }
        }

        // A phrase that began before an innocent expression and runs into it ("im high" in "I'm high on life") yields to it.
        if (claimedAny)
        {
            for (var m = 0; m < MatchCount; m++)
            {
                for (var t = Matches[m].First + 1; t <= Matches[m].Last && !Matches[m].Entry.IsCustom; t++)
                {
                    if (Tokens[t].Is(TokenShape.ClaimStart))
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

        for (var s = 0; s < SpanCount; s++)
        {
            Spans[s].FirstMatch = Spans[s].MatchEnd = 0;
        }

        for (var m = MatchCount - 1; m >= 0; m--)
        {
            Spans[Tokens[Matches[m].First].Span].FirstMatch = m;
        }

        for (var m = 0; m < MatchCount; m++)
        {
            Spans[Tokens[Matches[m].First].Span].MatchEnd = m + 1;
        }

        for (var s = 0; s < SpanCount; s++)
        {
            var roles = WordRole.None;
            for (var t = Spans[s].FirstToken; t < Spans[s].TokenEnd; t++)
            {
                roles |= Tokens[t].Roles;
            }

            Spans[s].Roles = roles;
        }
    }

    private bool IsMatchAt(LexiconEntry entry, int first)
    {
        var words = entry.Tokens;
        if (first + words.Length > TokenCount)
        {
            return false;
        }

        var span = Tokens[first].Span;
        for (var k = 0; k < words.Length; k++)
        {
            ref readonly var token = ref Tokens[first + k];
            if (token.Span != span
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
    public bool IsNameCased(int t)
    {
        ref readonly var token = ref Tokens[t];
        if (!char.IsUpper(Text[token.OrigStart]) || (token.OrigEnd - token.OrigStart > 1 && char.IsUpper(Text[token.OrigStart + 1])))
        {
            return false;
        }

        var firstInSpan = Spans[token.Span].FirstToken == t;
        var nextIsCapitalised = t + 1 < TokenCount && Tokens[t + 1].Span == token.Span && char.IsUpper(Text[Tokens[t + 1].OrigStart]);
        return !firstInSpan || nextIsCapitalised;
    }
}
