using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

/// <summary>
/// The lexicon stage alone (no learned layer) on the kinds of harm written without a keyword, and on their benign twins:
/// veiled threats, exclusion, grooming moves, dealers' emoji, goodbyes, and quoted abuse being reported.
/// </summary>
public sealed class TextLexiconRuleTests
{
    private readonly TextEngine _engine = new(learnedLayer: false);

    [Theory]
    [InlineData("lovely garden you have on Elm Street. would be a shame if something happened to your kids", TextHeads.Violence, 3)]
    [InlineData("I know which gym you go to. be a shame if you slipped in the car park", TextHeads.Violence, 3)]
    [InlineData("keep talking and see what happens", TextHeads.Violence, 1)]
    [InlineData("I'll put you in the ground, mark my words", TextHeads.Violence, 3)]
    [InlineData("nobody invited you, stop showing up", TextHeads.Bullying, 2)]
    [InlineData("honestly go play in traffic", TextHeads.Bullying, 3)]
    [InlineData("what school do you go to? don't tell anyone we talk", TextHeads.ChildExploitation, 3)]
    [InlineData("move to whatsapp, and don't tell anyone we chat", TextHeads.ChildExploitation, 3)]
    [InlineData("🍃💊 delivery across town tonight", TextHeads.Drugs, 3)]
    [InlineData("pingers for the weekend, hmu", TextHeads.Drugs, 3)]
    [InlineData("stockpiled my prescription for weeks. tonight I use it", TextHeads.SelfHarm, 3)]
    [InlineData("I've given my things away to friends", TextHeads.SelfHarm, 3)]
    [InlineData("chewed and spat everything at lunch again", TextHeads.SelfHarm, 2)]
    [InlineData("albanians are feral, like strays", TextHeads.Hate, 3)]
    [InlineData("swinger couple, looking for fun this weekend", TextHeads.Sexual, 2)]
    [InlineData("nice car you drive. be a shame if the tyres went flat", TextHeads.Violence, 3)]
    [InlineData("kick his teeth in", TextHeads.Violence, 2)]
    [InlineData("just stop existing", TextHeads.Bullying, 3)]
    [InlineData("connect your wallet to get the tokens", TextHeads.Spam, 3)]
    [InlineData("shameless plug, new prints in the shop", TextHeads.Promotions, 3)]
    public void Harm_without_a_keyword_scores_its_head(string text, string head, int expected)
    {
        Assert.True(_engine.Moderate(text).Score(head) >= expected, $"{head} missed '{text}'");
    }

    [Theory]
    [InlineData("my colleague said 'I will hurt you' in a meeting, so I reported him to HR", TextHeads.Violence)]
    [InlineData("someone commented 'kill yourself' under my video and I blocked them", TextHeads.Bullying)]
    [InlineData("I'm not going to hurt myself, I just need sleep", TextHeads.SelfHarm)]
    [InlineData("I almost killed myself tripping on the stairs", TextHeads.SelfHarm)]
    [InlineData("never touched drugs, not even once", TextHeads.Drugs)]
    [InlineData("relax, nobody is getting stabbed at this barbecue", TextHeads.Violence)]
    [InlineData("they keep getting free kills off me", TextHeads.Violence)]
    [InlineData("you're an idiot and I love you to bits", TextHeads.Bullying)]
    [InlineData("your kids must love that nice little garden", TextHeads.Violence)]
    [InlineData("my plug adapter for sale", TextHeads.Drugs)]
    [InlineData("fresh basil 🌿 for sale at the market", TextHeads.Drugs)]
    [InlineData("how old are you turning? got you a gift card", TextHeads.ChildExploitation)]
    [InlineData("nobody asked for pineapple on pizza", TextHeads.Bullying)]
    [InlineData("I wrote the note for the teacher, when I'm gone on holiday", TextHeads.SelfHarm)]
    [InlineData("purged the cache and restarted the server", TextHeads.SelfHarm)]
    [InlineData("I dare you to eat the whole chilli", TextHeads.Violence)]
    [InlineData("disabled people put down their bags here", TextHeads.Hate)]
    public void Benign_twins_score_nothing(string text, string head)
    {
        Assert.Equal(0, _engine.Moderate(text).Score(head));
    }
}
