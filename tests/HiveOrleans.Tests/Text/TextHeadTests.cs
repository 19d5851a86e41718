using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Tests.Text;

public sealed class TextHeadTests
{
    private readonly TextEngine _engine = new();

    [Theory]
    [InlineData("send me nudes right now", TextHeads.Sexual, 2)]
    [InlineData("she sent me a blowjob video", TextHeads.Sexual, 3)]
    [InlineData("watching porn all night", TextHeads.Sexual, 3)]
    [InlineData("He is a faggot", TextHeads.Hate, 3)]
    [InlineData("Immigrants are vermin and should be deported", TextHeads.Hate, 3)]
    [InlineData("All women are stupid", TextHeads.Hate, 2)]
    [InlineData("I will kill you", TextHeads.Violence, 3)]
    [InlineData("I'm going to slit your throat", TextHeads.Violence, 3)]
    [InlineData("he murdered his neighbour", TextHeads.Violence, 2)]
    [InlineData("you are a stupid idiot", TextHeads.Bullying, 2)]
    [InlineData("go kill yourself", TextHeads.Bullying, 3)]
    [InlineData("I sell weed and meth, hmu", TextHeads.Drugs, 3)]
    [InlineData("we snorted coke at the party", TextHeads.Drugs, 2)]
    [InlineData("I want to end my life", TextHeads.SelfHarm, 3)]
    [InlineData("she is only 12yo and I want to see her naked", TextHeads.ChildExploitation, 3)]
    [InlineData("selling jailbait pics", TextHeads.ChildExploitation, 3)]
    public void Harmful_text_scores_its_head(string text, string head, int expected)
    {
        Assert.Equal(expected, _engine.Moderate(text).Score(head));
    }

    [Theory]
    [InlineData("The biology class covered sex education and reproduction", TextHeads.Sexual)]
    [InlineData("She graduated summa cum laude", TextHeads.Sexual)]
    [InlineData("My cat is a fluffy pussy cat", TextHeads.Sexual)]
    [InlineData("Muslims around the world celebrate Eid", TextHeads.Hate)]
    [InlineData("Gay people deserve equal rights", TextHeads.Hate)]
    [InlineData("The rats in my basement are disgusting", TextHeads.Hate)]
    [InlineData("kill the process and restart the server", TextHeads.Violence)]
    [InlineData("this joke kills me", TextHeads.Violence)]
    [InlineData("I'll shoot you an email tomorrow", TextHeads.Violence)]
    [InlineData("My phone battery is about to die", TextHeads.Violence)]
    [InlineData("That movie was stupid", TextHeads.Bullying)]
    [InlineData("You are not stupid at all", TextHeads.Bullying)]
    [InlineData("We need to crack the code before Friday", TextHeads.Drugs)]
    [InlineData("I had a coke with my burger", TextHeads.Drugs)]
    [InlineData("I smoke two cigarettes a day and sell my old bikes", TextHeads.Drugs)]
    [InlineData("I read an article about suicide prevention", TextHeads.SelfHarm)]
    [InlineData("I cut myself while cooking dinner", TextHeads.SelfHarm)]
    [InlineData("Kids love playing in the park after school", TextHeads.ChildExploitation)]
    [InlineData("I have a 12yo daughter who loves football", TextHeads.ChildExploitation)]
    public void Benign_look_alikes_stay_below_harmful(string text, string head)
    {
        Assert.True(_engine.Moderate(text).Score(head) <= 1, $"{head} flagged '{text}'");
    }

    [Theory]
    [InlineData("kill the process and restart the server")]
    [InlineData("this joke kills me")]
    [InlineData("He killed it at the concert last night")]
    [InlineData("Let's kill some time before the movie")]
    public void Violent_idioms_score_no_violence(string text)
    {
        Assert.Equal(0, _engine.Moderate(text).Score(TextHeads.Violence));
    }

    [Theory]
    [InlineData("I will kill you")]
    [InlineData("I'm gonna shoot you")]
    [InlineData("you should die")]
    [InlineData("I hope you die")]
    [InlineData("I'll stab him tomorrow")]
    public void Threats_aimed_at_a_person_are_severe_violence(string text)
    {
        Assert.Equal(3, _engine.Moderate(text).Score(TextHeads.Violence));
    }

    [Fact]
    public void Negated_threat_is_not_severe()
    {
        Assert.True(_engine.Moderate("I would never hurt you").Score(TextHeads.Violence) <= 1);
    }

    [Theory]
    [InlineData("I want to end my life")]
    [InlineData("I'm going to kill myself")]
    [InlineData("I want to die")]
    [InlineData("I'm suicidal")]
    [InlineData("I don't want to live anymore")]
    [InlineData("I've been thinking about suicide a lot")]
    public void First_person_self_harm_intent_is_severe(string text)
    {
        Assert.Equal(3, _engine.Moderate(text).Score(TextHeads.SelfHarm));
    }

    [Fact]
    public void Mentioning_suicide_without_intent_is_mild()
    {
        Assert.Equal(1, _engine.Moderate("Suicide rates have increased this decade").Score(TextHeads.SelfHarm));
    }

    [Fact]
    public void Wishing_death_on_yourself_is_self_harm_not_violence()
    {
        var result = _engine.Moderate("I want to die");

        Assert.Equal(3, result.Score(TextHeads.SelfHarm));
        Assert.Equal(0, result.Score(TextHeads.Violence));
    }

    [Theory]
    [InlineData("you are a stupid idiot")]
    [InlineData("ur so dumb")]
    [InlineData("You're such a loser")]
    [InlineData("fuck you")]
    public void Insults_aimed_at_a_person_are_bullying(string text)
    {
        Assert.True(_engine.Moderate(text).Score(TextHeads.Bullying) >= 2, text);
    }

    [Fact]
    public void Profanity_not_aimed_at_anyone_is_a_filter_hit_but_not_bullying()
    {
        var result = _engine.Moderate("This concert is fucking great");

        Assert.Equal(0, result.Score(TextHeads.Bullying));
        Assert.Equal("fucking", result.SingleHit("profanity").Value);
    }

    [Fact]
    public void Slur_is_reported_as_a_hate_filter_hit()
    {
        const string text = "get out of here you faggot";

        var hit = _engine.Moderate(text).SingleHit("hate");

        Assert.Equal("faggot", text[hit.StartIndex..hit.EndIndex]);
    }

    [Fact]
    public void Ambiguous_street_names_count_as_drugs_only_with_drug_context()
    {
        Assert.Equal(0, _engine.Moderate("Molly said the ice cream was great").Score(TextHeads.Drugs));
        Assert.Equal(3, _engine.Moderate("selling molly and coke, dm me").Score(TextHeads.Drugs));
    }

    [Fact]
    public void Names_that_are_also_swear_words_are_left_alone_in_title_case()
    {
        var result = _engine.Moderate("Yesterday Dick Smith called about the invoice");

        Assert.Empty(result.TextFilters);
    }
}
