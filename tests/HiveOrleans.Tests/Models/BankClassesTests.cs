using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;

namespace HiveOrleans.Tests.Models;

public sealed class BankClassesTests
{
    [Fact]
    public void A_match_whose_label_the_bank_list_did_not_have_yet_still_gets_its_class_on_every_frame()
    {
        // The labels were read before a bank gained its first "terror" hash; a frame matched that hash since.
        var frames = new[] { Frame(), Frame(new HashMatch("bank", "c1", "terror", 3)) };
        var labels = BankClasses.Labels(["spam"], frames);

        Assert.Equal(["spam", "terror"], labels);
        Assert.Equal(["no_spam", "no_terror"], BankClasses.For(labels, frames[0].Matches).Select(c => c.Class));
        var matched = BankClasses.For(labels, frames[1].Matches);
        Assert.Equal(["no_spam", "yes_terror"], matched.Select(c => c.Class));
        Assert.Equal(3, matched[1].Distance);
    }

    [Fact]
    public void A_label_takes_the_distance_of_its_nearest_match()
    {
        var classes = BankClasses.For(["terror"], [new HashMatch("a", "c1", "terror", 2), new HashMatch("b", "c9", "terror", 20)]);

        Assert.Equal(1, classes[0].Score);
        Assert.Equal(2, classes[0].Distance);
    }

    private static OutputEntry Frame(params HashMatch[] matches) => new() { Classes = [], Matches = matches };
}
