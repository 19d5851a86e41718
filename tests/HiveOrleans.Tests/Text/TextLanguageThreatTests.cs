using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

/// <summary>
/// Each of the five languages added to English has its own lexicon, written in its own word order: a threat comes
/// back flagged, in the language it was written in, with the sentence it is in as the span. These are written for
/// this test, not taken from the corpus.
/// </summary>
public sealed class TextLanguageThreatTests
{
    private readonly TextEngine _engine = new();

    [Theory]
    [InlineData("Hola Marta. Te voy a matar cuando salgas del trabajo.", "es", "Te voy a matar cuando salgas del trabajo.")]
    [InlineData("Oi João. Vou te matar quando saíres de casa.", "pt", "Vou te matar quando saíres de casa.")]
    [InlineData("Hallo Jonas. Ich bring dich um, wenn ich dich sehe.", "de", "Ich bring dich um, wenn ich dich sehe.")]
    [InlineData("Salut Paul. Je vais te tuer quand tu sortiras du travail.", "fr", "Je vais te tuer quand tu sortiras du travail.")]
    [InlineData("Ciao Luca. Ti ammazzo appena esci dal lavoro.", "it", "Ti ammazzo appena esci dal lavoro.")]
    public void A_threat_in_another_language_is_flagged_with_its_span(string text, string language, string threat)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(language, result.Language);
        Assert.Contains(TextHeads.Violence, result.ModeratedClasses);
        Assert.Equal(3, result.Score(TextHeads.Violence));
        var flagged = Assert.Single(result.Spans, span => span.Classes.Single(c => c.Class == TextHeads.Violence).Score == 3);
        Assert.Equal(threat, text[flagged.StartCharIndex..flagged.EndCharIndex].Trim());
    }

    [Theory]
    [InlineData("Bring dir bitte die Jacke mit, heute Abend wird es kalt.", "de", TextHeads.Violence)]
    [InlineData("kkk que engraçado, você é demais", "pt", TextHeads.Hate)]
    public void An_english_word_that_is_an_everyday_word_of_the_text_language_is_not_scored(string text, string language, string head)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(language, result.Language);
        Assert.Equal(0, result.Score(head));
    }

    [Theory]
    [InlineData("Ciao Luca.")]
    [InlineData("Ciao Giulia, tutto bene?")]
    [InlineData("Olá João, tudo bem?")]
    public void A_greeting_in_a_covered_language_is_not_gibberish(string text)
    {
        var result = _engine.Moderate(text);

        Assert.Contains(TextHeads.Gibberish, result.ModeratedClasses);
        Assert.Equal(0, result.Score(TextHeads.Gibberish));
    }

    // Sentences whose verb is in the language's lexicon but whose phrase is not: the rule finds the object pronoun
    // before the verb ("te", "ti", "dich"), as these languages place it.
    [Theory]
    [InlineData("Mañana te voy a descuartizar, cabrón.", "es")]
    [InlineData("Amanhã eu vou te enforcar.", "pt")]
    [InlineData("Demain je vais te fusiller.", "fr")]
    [InlineData("Domani ti voglio strangolare, stronzo.", "it")]
    [InlineData("Morgen werde ich dich ermorden.", "de")]
    public void A_threat_with_its_object_before_the_verb_is_a_threat(string text, string language)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(language, result.Language);
        Assert.True(result.Score(TextHeads.Violence) >= 2, $"violence {result.Score(TextHeads.Violence)}");
    }

    [Theory]
    [InlineData("No te voy a descuartizar, tranquilo.")]
    [InlineData("Ich werde dich nie ermorden, keine Sorge.")]
    public void A_denied_threat_with_its_object_before_the_verb_is_not_severe(string text)
    {
        Assert.True(_engine.Moderate(text).Score(TextHeads.Violence) <= 1);
    }
}
