using System.Text;
using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

public sealed class TextEngineShapeTests
{
    private readonly TextEngine _engine = new();

    [Fact]
    public void Heads_are_the_ten_hive_text_classes()
    {
        Assert.Equal(
            ["sexual", "hate", "violence", "bullying", "drugs", "self_harm", "spam", "promotions", "child_exploitation", "gibberish"],
            TextHeads.All);
    }

    [Fact]
    public void Every_span_reports_every_head()
    {
        var result = _engine.Moderate("I will kill you. Nice weather!\nBuy now? ok");

        Assert.Equal(4, result.Spans.Count);
        Assert.All(result.Spans, span => Assert.Equal(TextHeads.All, span.Classes.Select(c => c.Class)));
        Assert.Equal(TextHeads.All, result.Overall.Select(c => c.Class));
    }

    [Fact]
    public void Spans_split_on_sentence_ends_and_newlines_and_point_into_the_original()
    {
        const string text = "  First one.  Second one!\n\nThird? Version 1.2 of example.com stays whole.  ";

        var spans = _engine.Moderate(text).Spans.Select(span => text[span.StartCharIndex..span.EndCharIndex]);

        Assert.Equal(["First one.", "Second one!", "Third?", "Version 1.2 of example.com stays whole."], spans);
    }

    [Fact]
    public void Overall_is_the_maximum_over_spans()
    {
        var result = _engine.Moderate("I will kill you.\nyou are a stupid idiot.\nHave a nice day.");

        Assert.Equal([3, 0, 0], result.Spans.Select(span => span.Classes.Single(c => c.Class == TextHeads.Violence).Score));
        Assert.Equal(3, result.Score(TextHeads.Violence));
        Assert.Equal(2, result.Score(TextHeads.Bullying));
    }

    [Fact]
    public void Binary_heads_score_zero_or_three()
    {
        var texts = new[] { "Buy now, 50% off!", "asdfghjkl qwertyuiop", "hello there", "send nudes of the 12yo kid" };

        foreach (var text in texts)
        {
            var result = _engine.Moderate(text);
            foreach (var head in new[] { TextHeads.Spam, TextHeads.Promotions, TextHeads.ChildExploitation, TextHeads.Gibberish })
            {
                Assert.Contains(result.Score(head), new[] { 0, 3 });
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  \r\n ")]
    public void Empty_and_whitespace_text_give_no_spans_and_clean_scores(string text)
    {
        var result = _engine.Moderate(text);

        Assert.Empty(result.Spans);
        Assert.Empty(result.TextFilters);
        Assert.Empty(result.PiiEntities);
        Assert.Equal(TextHeads.All, result.Overall.Select(c => c.Class));
        Assert.All(result.Overall, score => Assert.Equal(0, score.Score));
        Assert.Equal("unknown", result.Language);
    }

    [Fact]
    public void Null_text_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => _engine.Moderate(null!));
    }

    [Fact]
    public void English_is_detected_from_function_words()
    {
        Assert.Equal("en", _engine.Moderate("I think this is the best pizza in the city").Language);
        Assert.Equal("es", _engine.Moderate("Muchas gracias por tu ayuda, nos vemos mañana").Language);
    }

    [Fact]
    public void A_fifty_kilobyte_text_is_moderated_whole()
    {
        var builder = new StringBuilder();
        var line = 0;
        while (builder.Length < 50 * 1024)
        {
            builder.Append("This is line ").Append(line++).Append(" of a long and friendly report about the garden.\n");
        }

        const string tail = "And at the very end: I will kill you.";
        builder.Append(tail);
        var text = builder.ToString();

        var result = _engine.Moderate(text);

        Assert.Equal(line + 1, result.Spans.Count);
        Assert.Equal(3, result.Score(TextHeads.Violence));
        var hit = result.SingleHit("violence");
        Assert.Equal("kill", text[hit.StartIndex..hit.EndIndex]);
        Assert.True(hit.StartIndex > 50 * 1024);
    }

    [Fact]
    public void One_engine_serves_concurrent_callers_with_the_same_answers()
    {
        string[] texts = ["I will kill you", "you f\u200Bu\u200Bc\u200Bk", "call 555-123-4567", "Buy now! 50% off", "hello there friend"];
        var expected = texts.Select(Describe).ToArray();

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % texts.Length;
            Assert.Equal(expected[k], Describe(texts[k]));
        });
    }

    [Fact]
    public void Model_version_names_the_lexicon_engine()
    {
        Assert.StartsWith("text-lexicon-", _engine.ModelVersion);
        Assert.Equal(TextEngine.LexiconVersion, new TextEngine(learnedLayer: false).ModelVersion);
    }

    private string Describe(string text)
    {
        var result = _engine.Moderate(text);
        return string.Join(";", result.Spans.SelectMany(span => span.Classes.Select(c => $"{span.StartCharIndex}-{span.EndCharIndex}:{c.Class}={c.Score}")))
            + "|" + string.Join(";", result.TextFilters) + "|" + string.Join(";", result.PiiEntities);
    }
}
