namespace HiveOrleans.Moderation.Text;

/// <summary>
/// Cyrillic and Greek letters that look like Latin ones ("sеnd" with a Cyrillic е). Applied only to words
/// that mix scripts or sit in mostly Latin text, so Russian or Greek prose is left as it is.
/// </summary>
internal static class Confusables
{
    private static readonly char[] Table = Build();

    /// <summary>The Latin letter <paramref name="c"/> imitates (already lower-cased), or <paramref name="c"/> itself.</summary>
    public static char ToLatin(char c) => c < Table.Length ? Table[c] : c;

    private static char[] Build()
    {
        var table = new char[0x0530];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (char)i;
        }

        // Lower-case forms only: folding has lower-cased the text already. Capital look-alikes (В, Н, М, Т)
        // are listed through their lower-case letters.
        const string Pairs =
            "аaвbгrеeёeкkмmнhоoпnрpсcтtуyхxьbѕsіiїiјjһhԁdԛqԝwүyӏlɑaɡgɩi" +
            "αaβbγyεeζzηnιiκkμuνvοoρpτtυuχxωw";
        for (var i = 0; i + 1 < Pairs.Length; i += 2)
        {
            if (Pairs[i] < table.Length)
            {
                table[Pairs[i]] = Pairs[i + 1];
            }
        }

        return table;
    }
}
