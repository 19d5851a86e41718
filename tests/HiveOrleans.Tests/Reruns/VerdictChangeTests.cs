using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Reruns;

namespace HiveOrleans.Tests.Reruns;

/// <summary>
/// What a rerun counts as a change of verdict on media outputs: per class the highest level over every frame and OCR
/// block, a visual score counting from 0.5, the NSFW head's "nothing found" classes never flagging a task, and apply
/// mode writing a result whose matches changed though its verdict did not.
/// </summary>
public sealed class VerdictChangeTests
{
    private static readonly Guid TaskId = Guid.CreateVersion7();

    [Fact]
    public void A_video_verdict_is_each_class_highest_over_its_frames()
    {
        var before = Visual(Frame(0, ("general_nsfw", 0.1)), Frame(1, ("general_nsfw", 0.2)), Frame(2, ("general_nsfw", 0.1)));
        var sameTopAfterAFrameMoved = Visual(Frame(0, ("general_nsfw", 0.4)), Frame(1, ("general_nsfw", 0.1)), Frame(2, ("general_nsfw", 0.1)));
        var oneFrameOverHalf = Visual(Frame(0, ("general_nsfw", 0.1)), Frame(1, ("general_nsfw", 0.2)), Frame(2, ("general_nsfw", 0.9)));

        Assert.Null(VerdictChange.Between(TaskId, before, sameTopAfterAFrameMoved));
        var change = VerdictChange.Between(TaskId, before, oneFrameOverHalf);

        Assert.NotNull(change);
        Assert.Equal([("general_nsfw", 0, 1)], change.Heads);
        Assert.True(change.NewlyFlagged);
        Assert.False(change.Cleared);
    }

    [Fact]
    public void A_bank_match_in_a_later_frame_newly_flags_a_harmless_video_whose_clear_classes_were_high()
    {
        var before = Visual(
            Frame(0, ("general_nsfw", 0.02), ("general_not_nsfw_not_suggestive", 0.97), ("nsfwjs_drawing", 0.6), ("nsfwjs_neutral", 0.37)),
            Frame(1, ("general_nsfw", 0.01), ("general_not_nsfw_not_suggestive", 0.98), ("nsfwjs_drawing", 0.7), ("nsfwjs_neutral", 0.28)));
        var matched = Frame(1, ("general_nsfw", 0.01), ("general_not_nsfw_not_suggestive", 0.98), ("nsfwjs_drawing", 0.7), ("nsfwjs_neutral", 0.28), ("yes_known", 1));
        var after = Visual(
            Frame(0, ("general_nsfw", 0.02), ("general_not_nsfw_not_suggestive", 0.97), ("nsfwjs_drawing", 0.6), ("nsfwjs_neutral", 0.37), ("no_known", 0)),
            matched with { Matches = [new HashMatch("bank", "known-1", "known", 4)] });

        var change = VerdictChange.Between(TaskId, before, after);

        Assert.NotNull(change);
        Assert.Equal([("yes_known", 0, 1)], change.Heads);
        Assert.True(change.NewlyFlagged, "the clear classes were high before, yet nothing had been found");
        Assert.Null(VerdictChange.Between(TaskId, after, after));
        Assert.True(VerdictChange.Between(TaskId, after, before)!.Cleared);
    }

    [Fact]
    public void A_visual_score_changes_the_verdict_only_when_it_crosses_one_half()
    {
        var before = Visual(Frame(0, ("general_nsfw", 0.3), ("general_suggestive", 0.7)), Frame(1, ("general_nsfw", 0.5), ("general_suggestive", 0.2)));

        // As thresholds of 0.4 (nsfw) and 0.8 (suggestive) would leave it: 0.3 floored moves nothing, 0.7 floored clears.
        var floored = Visual(Frame(0, ("general_nsfw", 0), ("general_suggestive", 0)), Frame(1, ("general_nsfw", 0.5), ("general_suggestive", 0)));

        var change = VerdictChange.Between(TaskId, before, floored);

        Assert.NotNull(change);
        Assert.Equal([("general_suggestive", 1, 0)], change.Heads);
        Assert.False(change.Cleared, "general_nsfw reached 0.5 in the second frame, which counts");
        Assert.Equal(1, VerdictChange.Level(0.5));
        Assert.Equal(0, VerdictChange.Level(0.49));
        Assert.Equal(2, VerdictChange.Level(2));
    }

    [Fact]
    public void A_blocklist_hit_in_an_ocr_block_of_a_later_frame_counts_as_3()
    {
        var before = Ocr(Frame(0, ("violence", 0)) with { FrameResults = [Block("hello", [])] }, Frame(1, ("violence", 0)) with { FrameResults = [Block("a zorblax here", [])] });
        var after = Ocr(
            Frame(0, ("violence", 0)) with { FrameResults = [Block("hello", [])] },
            Frame(1, ("violence", 0)) with { FrameResults = [Block("a zorblax here", ["custom_blocklist"]) with { TextFilters = [new TextMatch("zorblax", 2, 9, "custom_blocklist")] }] });

        var change = VerdictChange.Between(TaskId, before, after);

        Assert.NotNull(change);
        Assert.Equal([("custom_blocklist", 0, 3)], change.Heads);
        Assert.True(change.NewlyFlagged);
        Assert.True(VerdictChange.Differ(before, after));
    }

    [Fact]
    public void Apply_mode_writes_a_changed_match_or_block_filter_even_when_the_verdict_stays_but_not_a_new_class_at_0()
    {
        var matched = Visual(Frame(0, ("yes_known", 1)) with { Matches = [new HashMatch("bank", "known-1", "known", 4)] });
        var otherEntry = Visual(Frame(0, ("yes_known", 1)) with { Matches = [new HashMatch("bank", "known-2", "known", 9)] });
        var filtered = Ocr(Frame(0, ("profanity", 3)) with { FrameResults = [Block("darn it", ["custom_blocklist"]) with { TextFilters = [new TextMatch("darn", 0, 4, "custom_blocklist")] }] });
        var otherFilter = Ocr(Frame(0, ("profanity", 3)) with { FrameResults = [Block("darn it", ["custom_blocklist"]) with { TextFilters = [new TextMatch("it", 5, 7, "custom_blocklist")] }] });

        Assert.Null(VerdictChange.Between(TaskId, matched, otherEntry));
        Assert.True(VerdictChange.Differ(matched, otherEntry));
        Assert.False(VerdictChange.Differ(matched, matched with { Entries = [.. matched.Entries] }));
        Assert.Null(VerdictChange.Between(TaskId, filtered, otherFilter));
        Assert.True(VerdictChange.Differ(filtered, otherFilter));

        // A newly attached bank's label, unmatched, is a class at 0: nothing to write.
        Assert.False(VerdictChange.Differ(Visual(Frame(0, ("no_other", 0))), Visual(Frame(0, ("no_known", 0), ("no_other", 0)))));
    }

    private static ModerationOutput Visual(params OutputEntry[] frames) =>
        new() { Model = "hive-orleans-visual", ModelVersion = "test", Entries = frames };

    private static ModerationOutput Ocr(params OutputEntry[] frames) =>
        new() { Model = "hive-orleans-ocr", ModelVersion = "test", Entries = frames };

    private static OutputEntry Frame(double time, params (string Class, double Score)[] classes) =>
        new() { Time = time, Classes = [.. classes.Select(c => new ClassScore(c.Class, c.Score))] };

    private static OcrFrameResult Block(string text, string[] customClasses) =>
        new() { BlockText = text, Classes = [new ClassScore("violence", 0)], CustomClasses = customClasses };
}
