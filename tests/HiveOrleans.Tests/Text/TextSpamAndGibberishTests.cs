using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

public sealed class TextSpamAndGibberishTests
{
    private readonly TextEngine _engine = new();

    [Theory]
    [InlineData("Click here to claim your free prize!!!")]
    [InlineData("Earn $5000 per week working from home, DM me")]
    [InlineData("Visit http://a.example.com and http://b.example.com for more")]
    [InlineData("WIN BIG NOW, FREE MONEY FOR EVERYONE")]
    [InlineData("crypto crypto crypto crypto crypto")]
    [InlineData("DM me for prices $$$")]
    public void Spam_signals_mark_spam(string text)
    {
        Assert.Equal(3, _engine.Moderate(text).Score(TextHeads.Spam));
    }

    [Theory]
    [InlineData("Get 20% off with promo code SAVE20")]
    [InlineData("Buy now and enjoy free shipping on every order")]
    [InlineData("Check out our new collection at www.shop-example.com")]
    public void Promotion_signals_mark_promotions(string text)
    {
        Assert.Equal(3, _engine.Moderate(text).Score(TextHeads.Promotions));
    }

    [Theory]
    [InlineData("Text me when you get home, the money is on the table")]
    [InlineData("I went to the store to buy milk at a good price")]
    [InlineData("The docs are at https://learn.example.com if you need them")]
    [InlineData("Thanks for the tip, I will try that free tutorial")]
    public void Ordinary_messages_are_not_spam_or_promotions(string text)
    {
        var result = _engine.Moderate(text);

        Assert.Equal(0, result.Score(TextHeads.Spam));
        Assert.Equal(0, result.Score(TextHeads.Promotions));
    }

    [Fact]
    public void The_same_line_posted_three_times_is_spam()
    {
        var result = _engine.Moderate("great stuff here\ngreat stuff here\ngreat stuff here");

        Assert.All(result.Spans, span => Assert.Equal(3, span.Classes.Single(c => c.Class == TextHeads.Spam).Score));
    }

    [Theory]
    [InlineData("asdfghjkl qwertyuiop zxcvbnm")]
    [InlineData("xkqzpvwr trmbsklt fnwqzp")]
    [InlineData("hjkdfshjkdfs hjdkfshjkfds")]
    [InlineData("zzzzzzzzzzzzzzzzzz")]
    public void Keyboard_mashing_is_gibberish(string text)
    {
        Assert.Equal(3, _engine.Moderate(text).Score(TextHeads.Gibberish));
    }

    [Theory]
    [InlineData("The weather today is lovely and warm, perfect for a walk.")]
    [InlineData("Kubernetes nginx kubectl config for the dev cluster")]
    [InlineData("Muchas gracias por tu ayuda, nos vemos mañana")]
    [InlineData("Strengths and rhythms of twelfth century chants")]
    [InlineData("lol brb gonna grab food, ttyl")]
    public void Normal_prose_is_not_gibberish(string text)
    {
        Assert.Equal(0, _engine.Moderate(text).Score(TextHeads.Gibberish));
    }

    [Theory]
    [InlineData("xqzk")]
    [InlineData("zzzzzzz")]
    public void Texts_under_eight_letters_are_never_gibberish(string text)
    {
        Assert.Equal(0, _engine.Moderate(text).Score(TextHeads.Gibberish));
    }

    [Fact]
    public void Only_the_gibberish_sentence_is_marked()
    {
        var result = _engine.Moderate("Hello, how are you doing today? asdkjhaskdjh aksjdhkajshd");

        Assert.Equal([0, 3], result.Spans.Select(span => span.Classes.Single(c => c.Class == TextHeads.Gibberish).Score));
    }
}
