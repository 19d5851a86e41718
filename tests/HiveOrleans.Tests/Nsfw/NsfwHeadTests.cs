using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Moderation.Nsfw;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>Hive's NSFW head from nsfwjs's five probabilities.</summary>
public sealed class NsfwHeadTests
{
    [Fact]
    public void The_head_sums_nsfwjs_classes_as_documented_and_keeps_them_raw()
    {
        // Drawing, Hentai, Neutral, Porn, Sexy.
        var scores = NsfwHead.Scores([0.05f, 0.1f, 0.25f, 0.4f, 0.2f]);

        Assert.Equal(["general_nsfw", "general_suggestive", "general_not_nsfw_not_suggestive", "nsfwjs_drawing", "nsfwjs_hentai", "nsfwjs_neutral", "nsfwjs_porn", "nsfwjs_sexy"], NsfwHead.Classes);
        Assert.Equal(0.5, scores[0], 1e-6); // porn + hentai
        Assert.Equal(0.2, scores[1], 1e-6); // sexy
        Assert.Equal(0.3, scores[2], 1e-6); // neutral + drawing
        Assert.Equal([0.05, 0.1, 0.25, 0.4, 0.2], scores[3..].Select(s => Math.Round(s, 6)));
    }

    [Fact]
    public void The_classes_a_visual_project_s_thresholds_may_name_are_the_head_s() =>
        Assert.Equal(NsfwHead.Classes, VisualModels.NsfwClasses);
}
