using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

public sealed class TextLanguageTests
{
    private readonly TextEngine _engine = new();

    [Theory]
    [InlineData("I think this is the best pizza in the city", "en")]
    [InlineData("Can you send me the report before the meeting tomorrow?", "en")]
    [InlineData("Muchas gracias por tu ayuda, nos vemos mañana", "es")]
    [InlineData("¿Dónde está la estación de tren?", "es")]
    [InlineData("Je ne sais pas si je peux venir ce soir", "fr")]
    [InlineData("Nous avons réservé une table pour quatre personnes", "fr")]
    [InlineData("Ich weiß nicht, ob ich heute Abend kommen kann", "de")]
    [InlineData("Wir haben einen Tisch für vier Personen reserviert", "de")]
    [InlineData("Não sei se posso ir hoje à noite", "pt")]
    [InlineData("Nós reservamos uma mesa para quatro pessoas", "pt")]
    [InlineData("Non so se posso venire stasera", "it")]
    [InlineData("Abbiamo prenotato un tavolo per quattro persone", "it")]
    [InlineData("Ik weet niet of ik vanavond kan komen", "nl")]
    [InlineData("We hebben een tafel voor vier personen gereserveerd", "nl")]
    public void The_covered_languages_are_told_apart(string text, string expected)
    {
        Assert.Equal(expected, _engine.Moderate(text).Language);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("lol same")]
    [InlineData("brb")]
    [InlineData("gg wp")]
    [InlineData("ok merci")]
    [InlineData("hola, how are you?")]
    public void Short_or_mixed_text_with_english_words_is_english(string text)
    {
        Assert.Equal("en", _engine.Moderate(text).Language);
    }

    [Theory]
    [InlineData("Привет, как дела? Давно не виделись.")]
    [InlineData("今日はとても暑いですね。")]
    [InlineData("Dzień dobry, czy mogę prosić o rachunek?")]
    [InlineData("Bugün hava çok güzel, parka gidelim mi?")]
    [InlineData("Selamat pagi, apa kabar hari ini?")]
    [InlineData("")]
    [InlineData("12345 !!!")]
    public void Other_languages_scripts_and_wordless_text_are_unknown(string text)
    {
        Assert.Equal("unknown", _engine.Moderate(text).Language);
    }

    [Fact]
    public void English_text_has_every_head_moderated()
    {
        Assert.Equal(TextHeads.All, _engine.Moderate("see you at the station at noon").ModeratedClasses);
    }

    [Theory]
    [InlineData("Hola, ¿cómo estás? Hace mucho que no hablamos.", "es")]
    [InlineData("Bonjour à tous, la réunion est reportée à jeudi.", "fr")]
    [InlineData("Wir sehen uns morgen um acht am Bahnhof.", "de")]
    [InlineData("Obrigado pela ajuda, até amanhã na reunião.", "pt")]
    [InlineData("Ci vediamo domani alle otto davanti alla stazione.", "it")]
    public void Text_in_each_of_the_six_languages_has_every_head_moderated(string text, string language)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(language, result.Language);
        Assert.Equal(TextHeads.All, result.ModeratedClasses);
    }

    [Theory]
    [InlineData("Goedemorgen, de vergadering is verplaatst naar donderdag.")]
    [InlineData("Привет, как дела? Давно не виделись.")]
    [InlineData("Dzień dobry, czy mogę prosić o rachunek?")]
    public void Text_in_a_language_the_lexicons_do_not_cover_has_no_moderated_heads(string text)
    {
        var result = _engine.Moderate(text);

        Assert.Empty(result.ModeratedClasses);
        Assert.Equal(TextHeads.All, result.Overall.Select(score => score.Class));
    }

    [Theory]
    [InlineData("https://a.example.com https://b.example.com")]
    [InlineData("😂😂😂 123")]
    [InlineData("asdfghjkl qwertyuiop zxcvbnm")]
    public void Text_without_words_of_any_language_is_still_moderated(string text)
    {
        Assert.Equal(TextHeads.All, _engine.Moderate(text).ModeratedClasses);
    }

    [Fact]
    public void English_words_in_otherwise_foreign_text_still_score()
    {
        var result = _engine.Moderate("je vais te kill, fuck you");

        Assert.True(result.Score(TextHeads.Bullying) >= 2);
        Assert.Contains(result.TextFilters, hit => hit.Type == "profanity");
    }
}
