using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

public sealed class TextCustomListTests
{
    private static readonly TextCustomLists Lists = TextCustomLists.Create(
        blocklist: ["zorblax", "free tickets", "kill"],
        allowlist: ["damn", "hot singles", "sex"]);

    private readonly TextEngine _engine = new();

    [Theory]
    [InlineData("have you tried zorblax yet?", "zorblax")]
    [InlineData("ZORBLAX is better", "ZORBLAX")]
    [InlineData("try z0rbl@x today", "z0rbl@x")]
    [InlineData("try z.o.r.b.l.a.x today", "z.o.r.b.l.a.x")]
    [InlineData("try z o r b l a x today", "z o r b l a x")]
    [InlineData("try zorrrrblax today", "zorrrrblax")]
    [InlineData("try zorb\u200Blax today", "zorb\u200Blax")]
    [InlineData("try z\u043Erblax today", "z\u043Erblax")]
    [InlineData("try ｚｏｒｂｌａｘ today", "ｚｏｒｂｌａｘ")]
    [InlineData("try zörblax today", "zörblax")]
    [InlineData("try zorbl*x today", "zorbl*x")]
    public void A_blocklisted_term_is_found_however_it_is_written(string text, string expected)
    {
        var result = _engine.Moderate(text, Lists);

        var hit = result.SingleHit(TextCustomLists.BlocklistType);
        Assert.Equal(expected, hit.Value);
        result.AssertHitsPointIntoOriginal(text);
        Assert.Equal([TextCustomLists.BlocklistType], result.CustomClasses);
    }

    [Fact]
    public void A_blocklisted_phrase_needs_all_its_words_in_order()
    {
        Assert.Equal("FREE   tickets", _engine.Moderate("FREE   tickets for everyone!", Lists).SingleHit(TextCustomLists.BlocklistType).Value);
        Assert.Empty(_engine.Moderate("tickets are free", Lists).CustomClasses);
    }

    [Theory]
    [InlineData("the zorblaxian empire")]
    [InlineData("see the skill tree")]
    [InlineData("nothing to see here")]
    public void Blocklisted_terms_match_whole_words_only(string text)
    {
        var result = _engine.Moderate(text, Lists);

        Assert.Empty(result.CustomClasses);
        Assert.DoesNotContain(result.TextFilters, hit => hit.Type == TextCustomLists.BlocklistType);
    }

    [Fact]
    public void A_blocklisted_word_inside_a_built_in_phrase_is_still_reported()
    {
        var result = _engine.Moderate("go kill yourself", Lists);

        Assert.Equal("kill", result.SingleHit(TextCustomLists.BlocklistType).Value);
        Assert.Equal(3, result.Score(TextHeads.Bullying));
    }

    [Fact]
    public void Without_lists_there_are_no_custom_classes_and_the_scores_are_the_built_in_ones()
    {
        const string text = "zorblax is damn good, meet hot singles";

        var plain = _engine.Moderate(text);
        var empty = _engine.Moderate(text, TextCustomLists.Empty);
        var none = _engine.Moderate(text, null);

        Assert.Empty(plain.CustomClasses);
        Assert.Equal(Describe(plain), Describe(empty));
        Assert.Equal(Describe(plain), Describe(none));
        Assert.Contains(plain.TextFilters, hit => hit.Value == "damn");
    }

    [Fact]
    public void An_allowlisted_word_suppresses_its_built_in_hit()
    {
        const string text = "damn, that was good";

        Assert.Contains(_engine.Moderate(text).TextFilters, hit => hit.Value == "damn");
        Assert.Empty(_engine.Moderate(text, Lists).TextFilters);
    }

    [Fact]
    public void An_allowlisted_word_no_longer_scores_its_head()
    {
        const string text = "Our school teaches sex education from year seven";

        Assert.Equal(1, _engine.Moderate(text).Score(TextHeads.Sexual));
        Assert.Equal(0, _engine.Moderate(text, Lists).Score(TextHeads.Sexual));
    }

    [Fact]
    public void An_allowlisted_phrase_suppresses_only_that_phrase()
    {
        Assert.Equal(3, _engine.Moderate("Hot singles in your area want to meet you").Score(TextHeads.Spam));
        Assert.Equal(0, _engine.Moderate("Hot singles in your area want to meet you", Lists).Score(TextHeads.Spam));
        Assert.Equal(3, _engine.Moderate("hot girls in your area want to meet you, click here", Lists).Score(TextHeads.Spam));
    }

    [Fact]
    public void The_allowlist_leaves_other_words_alone()
    {
        var result = _engine.Moderate("damn you, you stupid idiot", Lists);

        Assert.True(result.Score(TextHeads.Bullying) >= 2);
        Assert.DoesNotContain(result.TextFilters, hit => hit.Value == "damn");
        Assert.Contains(result.TextFilters, hit => hit.Value == "idiot");
    }

    [Fact]
    public void Empty_and_overlong_terms_are_dropped()
    {
        var lists = TextCustomLists.Create(["", "   ", "one two three four five six seven eight nine", "ok"], ["", "fine"]);

        Assert.Equal(1, lists.BlocklistCount);
        Assert.Equal(1, lists.AllowlistCount);
        Assert.Same(TextCustomLists.Empty, TextCustomLists.Create([" "], []));
    }

    [Fact]
    public void One_compiled_list_serves_concurrent_callers()
    {
        string[] texts = ["z0rblax rocks", "damn fine", "FREE tickets", "go kill yourself", "nothing here"];
        var expected = texts.Select(t => Describe(_engine.Moderate(t, Lists))).ToArray();

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % texts.Length;
            Assert.Equal(expected[k], Describe(_engine.Moderate(texts[k], Lists)));
        });
    }

    [Fact]
    public void Null_lists_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => TextCustomLists.Create(null!, []));
        Assert.Throws<ArgumentNullException>(() => TextCustomLists.Create([], null!));
    }

    private static string Describe(TextModerationResult result) =>
        string.Join(";", result.Overall.Select(c => $"{c.Class}={c.Score}"))
        + "|" + string.Join(";", result.TextFilters)
        + "|" + string.Join(";", result.CustomClasses);
}
