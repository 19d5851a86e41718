using System.Collections.Frozen;

namespace HiveOrleans.Moderation.Text.Learned;

/// <summary>Kinds of context a word can signal; the scorer pairs them with lexicon hits (a violent word next to "never").</summary>
internal enum Cue
{
    SecondPerson = 0,
    Negation = 1,
    Reporting = 2,
    Future = 3,
    Question = 4,
    Quote = 5,
    Link = 6,
    Money = 7,
    Shouting = 8,
    Count = 9,
}

/// <summary>
/// Words that signal a <see cref="Cue"/> in the six languages the engine moderates, folded as the features are (lower
/// case, no diacritics). They are plain words to the model as well; the cue lets what is learned about "never" next
/// to a violent word in one language carry to the others.
/// </summary>
internal static class ContextCues
{
    private static readonly FrozenDictionary<string, Cue> Words = Build();

    public static readonly FrozenDictionary<string, Cue>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenDictionary<string, Cue> Build()
    {
        var words = new Dictionary<string, Cue>(StringComparer.Ordinal);
        Add(words, Cue.SecondPerson,
            // en
            "you", "your", "youre", "yours", "yourself", "u", "ur", "ya", "yall", "thee",
            // es
            "tu", "te", "ti", "contigo", "tuyo", "tuya", "tus", "vos", "usted", "ustedes", "os", "vosotros",
            // fr
            "toi", "ton", "ta", "tes", "vous", "votre",
            // de
            "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "euch", "du's",
            // pt
            "voce", "vc", "voces", "vcs", "teu", "tua", "teus", "tuas",
            // it
            "tuo", "tuoi", "tue", "voi", "vostro");
        Add(words, Cue.Negation,
            "not", "never", "no", "dont", "didnt", "doesnt", "wont", "wouldnt", "cant", "couldnt", "shouldnt", "isnt", "nor", "neither",
            "nunca", "jamas", "tampoco", "ni",
            "ne", "pas", "jamais", "non", "aucun", "aucune",
            "nicht", "nie", "niemals", "kein", "keine", "keinen", "nix",
            "nao", "nem",
            "mai", "nessuno", "nemmeno");
        Add(words, Cue.Reporting,
            "said", "says", "told", "messaged", "texted", "wrote", "posted", "reported", "quoted", "claimed", "screenshot", "blocked",
            "dijo", "dice", "escribio", "mando", "denuncie", "reporte", "bloquee", "captura",
            "dit", "ecrit", "envoye", "signale", "bloque",
            "sagte", "schrieb", "gemeldet", "meinte", "blockiert", "geschrieben",
            "disse", "escreveu", "mandou", "denunciei", "bloqueei", "print",
            "detto", "scritto", "mandato", "segnalato", "bloccato");
        Add(words, Cue.Future,
            "will", "gonna", "ll", "shall", "tonight", "tomorrow", "soon", "wait",
            "voy", "vas", "vamos", "manana", "pronto", "esperate",
            "vais", "demain", "bientot", "attends",
            "werde", "wirst", "wird", "morgen", "bald", "warte",
            "vou", "vai", "amanha", "logo", "espera",
            "faro", "domani", "stasera", "presto", "aspetta");
        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, Cue> words, Cue cue, params string[] list)
    {
        foreach (var word in list)
        {
            words.TryAdd(word, cue);
        }
    }
}
