using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

public sealed class TextObfuscationTests
{
    private readonly TextEngine _engine = new();

    [Theory]
    [InlineData("what a load of sh1t today", "sh1t")]
    [InlineData("total a$$hole move", "a$$hole")]
    [InlineData("@ss", "@ss")]
    [InlineData("that's bullsh!t", "bullsh!t")]
    public void Leetspeak_profanity_is_caught_with_original_span(string text, string expected)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(expected, result.SingleHit("profanity").Value);
        result.AssertHitsPointIntoOriginal(text);
    }

    [Theory]
    [InlineData("well f.u.c.k this", "f.u.c.k")]
    [InlineData("well f u c k this", "f u c k")]
    [InlineData("well f-u-c-k this", "f-u-c-k")]
    [InlineData("well f*u*c*k this", "f*u*c*k")]
    public void Letters_spelled_out_with_separators_are_joined(string text, string expected)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(expected, result.SingleHit("profanity").Value);
        result.AssertHitsPointIntoOriginal(text);
    }

    [Fact]
    public void Spelled_out_letters_that_make_no_word_stay_apart()
    {
        var result = _engine.Moderate("Plan A B C is ready");

        Assert.Empty(result.TextFilters);
    }

    [Theory]
    [InlineData("oh fuuuuuck no", "fuuuuuck")]
    [InlineData("shiiiiit happens", "shiiiiit")]
    public void Repeated_letters_are_collapsed(string text, string expected)
    {
        Assert.Equal(expected, _engine.Moderate(text).SingleHit("profanity").Value);
    }

    [Fact]
    public void A_single_letter_does_not_match_a_doubled_one()
    {
        Assert.Empty(_engine.Moderate("As far as I know, it is fine").TextFilters);
        Assert.Equal("asss", _engine.Moderate("kiss my asss").SingleHit("profanity").Value);
    }

    [Fact]
    public void Zero_width_characters_do_not_hide_a_word()
    {
        const string text = "you f\u200Bu\u200Cc\u200Dk";

        var hit = _engine.Moderate(text).SingleHit("profanity");

        Assert.Equal(4, hit.StartIndex);
        Assert.Equal(text.Length, hit.EndIndex);
        Assert.Equal("f\u200Bu\u200Cc\u200Dk", text[hit.StartIndex..hit.EndIndex]);
    }

    [Fact]
    public void Full_width_letters_are_folded()
    {
        const string text = "ｉ ｗｉｌｌ ｋｉｌｌ ｙｏｕ";

        var result = _engine.Moderate(text);

        Assert.Equal(3, result.Score(TextHeads.Violence));
        result.AssertHitsPointIntoOriginal(text);
        Assert.Contains(result.TextFilters, hit => hit.Value == "ｋｉｌｌ");
    }

    [Theory]
    [InlineData("fück off", "fück off")]
    [InlineData("what a bítch", "bítch")]
    [InlineData("what a bi\u0301tch", "bi\u0301tch")]
    public void Diacritics_are_stripped(string text, string expected)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(expected, result.SingleHit("profanity").Value);
        result.AssertHitsPointIntoOriginal(text);
    }

    [Fact]
    public void Upper_case_is_folded()
    {
        Assert.Equal(3, _engine.Moderate("I WILL KILL YOU").Score(TextHeads.Violence));
    }

    [Theory]
    [InlineData("what the sh*t", "sh*t")]
    [InlineData("you are an a**hole", "a**hole")]
    public void Masked_letters_are_filled_in(string text, string expected)
    {
        Assert.Equal(expected, _engine.Moderate(text).SingleHit("profanity").Value);
    }

    [Fact]
    public void Obfuscated_threat_is_still_a_threat()
    {
        const string text = "i w1ll k!ll y0u";

        var result = _engine.Moderate(text);

        Assert.Equal(3, result.Score(TextHeads.Violence));
        Assert.Equal("k!ll", result.SingleHit("violence").Value);
    }

    [Fact]
    public void Hits_after_expanding_characters_still_point_into_the_original()
    {
        const string text = "Straße, ﬁne, and then fuck";

        var hit = _engine.Moderate(text).SingleHit("profanity");

        Assert.Equal("fuck", text[hit.StartIndex..hit.EndIndex]);
    }

    [Theory]
    [InlineData("Scunthorpe United won on Saturday")]
    [InlineData("The assassin ordered a cocktail")]
    [InlineData("My therapist recommends grape juice")]
    [InlineData("The class trip to Essex was fun")]
    [InlineData("Reading Dickens with shiitake soup")]
    [InlineData("Mr. Hancock is an associate professor in Sussex")]
    [InlineData("The recipe calls for cumin")]
    [InlineData("Please pass the assessment documents")]
    public void Innocent_words_containing_a_bad_substring_are_clean(string text)
    {
        var result = _engine.Moderate(text);

        Assert.Empty(result.TextFilters);
        Assert.All(result.Overall, score => Assert.Equal(0, score.Score));
    }
}
