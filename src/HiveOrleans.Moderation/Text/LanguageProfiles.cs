using System.Collections.Frozen;

namespace HiveOrleans.Moderation.Text;

/// <summary>
/// The evidence <see cref="LanguageDetector"/> weighs: the commonest function words of each language (folded:
/// lower case, no diacritics, no apostrophes), the letters with diacritics each language uses, and word
/// endings typical of each. Written by hand from the languages' grammars, not learned from a corpus.
/// </summary>
internal static class LanguageProfiles
{
    public const int English = 0;
    public const int Spanish = 1;
    public const int French = 2;
    public const int German = 3;
    public const int Portuguese = 4;
    public const int Italian = 5;
    public const int Dutch = 6;
    public const int Count = 7;

    public static readonly string[] Codes = ["en", "es", "fr", "de", "pt", "it", "nl"];

    private const string EnglishWords =
        "the and is are was were you your i im it its of to in that this with for on have has had be been not but what my we they he she will would can could " +
        "just so do dont at from about me all if or an a there their how get got like know out up no yes thanks thank hello hi hey ok okay lol lmao omg brb gg wp " +
        "thx pls plz ty np idk tbh ngl btw yeah yep nope guys bro dude who when where why which some any them him her our us going gonna wanna cant wont didnt doesnt " +
        "isnt ive ill youre thats whats really very too also only here now then than more one by as did does should want need see think good new time people today " +
        "tonight tomorrow after before everyone anyone someone something nothing because into over still back well " +
        "one two three four five six seven eight nine ten queen king slay girl boy friend friends love lovely happy birthday great nice awesome amazing beautiful cute funny pretty little big small old young right wrong sure maybe please sorry morning night week year work home house school yesterday always never again first last next same other another every each many much lot lots thing things way day days make made take took came went say said tell told look looking feel feeling try trying call called help play playing watch watching eat eating sleep buy bought pay paid send sent meet wait waiting miss keep leave let put run walk talk read write close finish win lose lost find found give gave thought knew mean hope wish guess";

    private const string SpanishWords =
        "el la los las de del que y en un una unos es por para con no se su sus al lo como mas pero le les ya muy esta estas estoy esto este son fue tambien me mi mis " +
        "hay cuando todo todos nos tu te ti bien gracias hola porque yo si eres soy tengo tiene hace hacer vamos voy va ahora aqui donde quien nada algo hoy manana ayer " +
        "bueno buenos dias noche amigo amiga usted ustedes ella ellos sin sobre entre hasta desde pues entonces necesito quiero puedo puedes antes casa " +
        "buen buena vemos tengas tienes estamos estan gusta hora horas semana tarde mucho mucha muchas muchos uno dos tres cuatro cinco seis siete ocho nueve diez ahi bonito gente";

    private const string FrenchWords =
        "le la les de des du et est un une en que qui dans pour pas sur au aux avec ce cette ces il elle ils elles je tu nous vous mais ou son sa ses ne plus tres " +
        "cest jai mon ma mes ton ta tes merci bonjour bonsoir salut etre avoir aussi comme fait faire suis es sont ai as avez avons on y moi toi lui leur leurs notre " +
        "votre vos nos tout tous toute rien bien oui non demain hier aujourdhui quand pourquoi parce alors donc encore toujours jamais peut veux vais va chez sans " +
        "apres avant depuis vraiment beaucoup ici " +
        "devant derriere heure heures soir matin semaine jour jours deux trois quatre cinq six sept huit neuf dix mois an ans chose peu trop dit allez aller voir vois sommes etait avais fois";

    private const string GermanWords =
        "der die das und ist nicht ich du er sie es wir ihr ein eine einen einem einer dem den des mit auf fur von zu im am auch sich aber noch wie nur sind war hat " +
        "haben habe hast wird kann kannst dass oder bei nach sehr schon danke bitte mein meine dein deine heute morgen gut ja nein was wer wo warum wenn weil denn doch " +
        "mal hier jetzt immer viel mehr gehen geht machen kein keine uns euch ihm ihn mir dir hallo tschuss guten tag zeit vielen dank bis um aus uber unter vor gegen " +
        "ohne durch so also " +
        "uhr abend woche tage eins zwei drei vier funf sechs sieben acht neun zehn gestern wirklich vielleicht naturlich etwas nichts alles sein seine ihre unser unsere treffen bin";

    private const string PortugueseWords =
        "o a os as de do da dos das e um uma uns umas que nao em no na nos nas com para por pelo pela se mais mas como muito muita voce voces eu ele ela eles elas seu " +
        "sua seus suas isso isto esta estou esse essa sao foi tambem obrigado obrigada ja ao aos meu minha meus minhas tem ter vai vou bom boa dia noite hoje amanha " +
        "ontem aqui onde quando porque tudo nada ainda agora sim ola tchau ate sem sobre entre depois antes preciso quero pode fazer entao legal " +
        "hora horas semana dois tres quatro cinco seis sete oito nove dez feliz vamos gente coisa jogo estava estamos";

    private const string ItalianWords =
        "il lo la i gli le di del della dei delle degli dello che e un una uno per non in con su sono mi ti si ma come anche piu questo questa questi ho hai ha " +
        "abbiamo avete hanno sei siamo molto grazie ciao perche tutto tutti io lui lei noi voi loro al alla alle ai nel nella nei sul sulla dal dalla da cosa quando " +
        "dove chi oggi domani ieri bene buongiorno buonasera sempre ancora gia ecco qui allora pero fare fatto stato essere avere va vado andiamo vediamo stasera " +
        "ci ne mio mia tuo tua suo sua " +
        "ore sera settimana giorno giorni due tre quattro cinque sette otto nove dieci fa sto stai sta siete era";

    private const string DutchWords =
        "de het een en van is dat die niet ik je jij jou jouw we wij zij ze hij zijn op te met voor ook maar er als om aan bij naar nog wel heb hebben heeft was " +
        "waren kan kun kunnen dit deze mijn wat hoe goed dank bedankt zo al geen worden wordt ben bent hem haar ons onze jullie uit over door tot toch nu hier daar " +
        "waar wie waarom vandaag morgen gisteren graag dag hallo doei leuk mooi heel veel alles niets iets gaan gaat ga moet moeten zal zou wil willen tijd samen want " +
        "buiten binnen kinderen uur avond week dagen twee drie vier vijf zes zeven acht negen tien trein straks vanavond eten even eens misschien natuurlijk";

    /// <summary>Each function word and the languages (bit per language) it belongs to.</summary>
    public static FrozenDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> FunctionWords { get; } = BuildFunctionWords();

    /// <summary>The languages a letter with a diacritic points to (bit per language), or 0.</summary>
    public static byte Diacritic(char c) => char.ToLowerInvariant(c) switch
    {
        'ñ' or '¿' or '¡' => Bit(Spanish),
        'ç' => (byte)(Bit(French) | Bit(Portuguese)),
        'ã' or 'õ' => Bit(Portuguese),
        'ß' or 'ä' or 'ö' or 'ü' => Bit(German),
        'è' => (byte)(Bit(French) | Bit(Italian)),
        'ê' or 'â' or 'ô' => (byte)(Bit(French) | Bit(Portuguese)),
        'î' or 'û' or 'ë' or 'ï' or 'œ' => Bit(French),
        'à' => (byte)(Bit(French) | Bit(Italian) | Bit(Portuguese)),
        'ì' or 'ò' or 'ù' => Bit(Italian),
        'á' or 'í' or 'ó' or 'ú' => (byte)(Bit(Spanish) | Bit(Portuguese)),
        'é' => (byte)(Bit(French) | Bit(Spanish) | Bit(Portuguese) | Bit(Italian)),
        _ => 0,
    };

    /// <summary>The languages a word's spelling points to (bit per language), from endings and letter pairs.</summary>
    public static byte Spelling(ReadOnlySpan<char> word)
    {
        if (word.Length < 4)
        {
            return 0;
        }

        var languages = Ending(word);
        for (var i = 1; i < word.Length; i++)
        {
            languages |= (word[i - 1], word[i]) switch
            {
                ('t', 'h') => Bit(English),
                ('t', 'z') => Bit(German),
                ('l', 'h') or ('n', 'h') => Bit(Portuguese),
                ('z', 'z') or ('g', 'l') when i + 1 < word.Length && word[i + 1] == 'i' => Bit(Italian),
                ('c', 'c') when i + 1 < word.Length && word[i + 1] == 'h' => Bit(Italian),
                ('i', 'j') or ('o', 'e') or ('a', 'a') => Bit(Dutch),
                _ => 0,
            };
        }

        return languages;
    }

    // Typical endings, sorted by their last letter so that a word is compared with few of them.
    private static byte Ending(ReadOnlySpan<char> w) => w[^1] switch
    {
        'g' => w.EndsWith("ing") ? Bit(English) : w.EndsWith("ung") ? Bit(German) : (byte)0,
        't' => w.EndsWith("ght") ? Bit(English) : w.EndsWith("keit") || w.EndsWith("heit") ? Bit(German) : w.EndsWith("aient") ? Bit(French) : (byte)0,
        'd' => w.EndsWith("ould") ? Bit(English) : w.EndsWith("idad") ? Bit(Spanish) : (byte)0,
        'n' => w.EndsWith("cion") ? Bit(Spanish) : w.EndsWith("chen") ? Bit(German) : (byte)0,
        's' => w.EndsWith("ciones") ? Bit(Spanish) : w.EndsWith("coes") ? Bit(Portuguese) : (byte)0,
        'o' => w.EndsWith("ado") || w.EndsWith("ando") ? Bit(Spanish) : w.EndsWith("cao") || w.EndsWith("inho") ? Bit(Portuguese) : w.EndsWith("etto") ? Bit(Italian) : (byte)0,
        'u' => w.EndsWith("eau") ? Bit(French) : (byte)0,
        'x' => w.EndsWith("eux") || w.EndsWith("eaux") ? Bit(French) : (byte)0,
        'e' => w.EndsWith("euse") ? Bit(French) : w.EndsWith("zione") ? Bit(Italian) : w.EndsWith("tje") ? Bit(Dutch) : (byte)0,
        'i' => w.EndsWith("zioni") ? Bit(Italian) : (byte)0,
        'r' => w.EndsWith("oir") ? Bit(French) : (byte)0,
        'h' => w.EndsWith("lich") ? Bit(German) : (byte)0,
        'a' => w.EndsWith("inha") ? Bit(Portuguese) : (byte)0,
        'k' => w.EndsWith("lijk") ? Bit(Dutch) : (byte)0,
        _ => 0,
    };

    public static byte Bit(int language) => (byte)(1 << language);

    private static FrozenDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> BuildFunctionWords()
    {
        var words = new Dictionary<string, byte>(StringComparer.Ordinal);
        string[] lists = [EnglishWords, SpanishWords, FrenchWords, GermanWords, PortugueseWords, ItalianWords, DutchWords];
        for (var language = 0; language < lists.Length; language++)
        {
            foreach (var word in lists[language].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words[word] = (byte)(words.GetValueOrDefault(word) | Bit(language));
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
