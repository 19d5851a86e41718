using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Wire.Rules;

namespace HiveOrleans.Tests.Wire;

/// <summary>How review settings become a project's review rules: defaults, changes one at a time, and what is refused.</summary>
public sealed class ReviewSettingsRulesTests
{
    private static readonly string[] Heads = ["sexual", "violence", "spam"];
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static readonly ProjectConfig Blank = new() { ProjectId = 3, UserId = 1, Name = "p", ModelType = ModelTypes.Text, Review = ReviewModes.ModelOnly };

    [Fact]
    public void A_project_new_to_manual_review_gets_every_task_reviewed_with_its_classes_as_labels_and_no_timeout()
    {
        var rules = Apply(Blank, new ProjectSettings { Review = ReviewModes.ManualReview })!;

        Assert.Empty(rules.When);
        Assert.Equal(0, rules.Sample);
        Assert.Null(rules.Timeout);
        Assert.Equal(Heads, rules.Labels);
    }

    [Fact]
    public void A_model_only_project_has_no_rules_and_switching_to_it_drops_them()
    {
        Assert.Null(Apply(Blank, new ProjectSettings()));

        var reviewed = ProjectSettingsRules.Apply(Blank, new ProjectSettings { Review = ReviewModes.ManualReview, ReviewSample = 0.5 }, Now, _ => Heads);
        Assert.Null(Apply(reviewed, new ProjectSettings { Review = ReviewModes.ModelOnly }));
    }

    [Fact]
    public void Settings_left_out_keep_their_values_and_resets_bring_back_the_defaults()
    {
        var reviewed = ProjectSettingsRules.Apply(Blank, new ProjectSettings
        {
            Review = ReviewModes.ManualReview,
            ReviewWhen = new Dictionary<string, int> { ["violence"] = 2 },
            ReviewLabels = ["threat"],
            ReviewTimeout = TimeSpan.FromHours(24),
        }, Now, _ => Heads);

        var sampled = Apply(reviewed, new ProjectSettings { ReviewSample = 0.25 })!;
        Assert.Equal((2, 0.25, TimeSpan.FromHours(24)), (sampled.When["violence"], sampled.Sample, sampled.Timeout!.Value));
        Assert.Equal(["threat"], sampled.Labels);

        var reset = Apply(reviewed, new ProjectSettings { ResetReviewLabels = true, ClearReviewTimeout = true })!;
        Assert.Equal(Heads, reset.Labels);
        Assert.Null(reset.Timeout);
    }

    [Theory]
    [InlineData("kindness", 2, "'review_when' names 'kindness', which is not a class of a text project; known: sexual, violence, spam.")]
    [InlineData("violence", 4, "'review_when.violence' must be a severity from 0 to 3.")]
    public void Review_when_names_the_projects_classes_with_severities(string head, int minimum, string message)
    {
        var error = Refused(new ProjectSettings { Review = ReviewModes.ManualReview, ReviewWhen = new Dictionary<string, int> { [head] = minimum } });
        Assert.Equal(message, error);
    }

    [Fact]
    public void Out_of_range_samples_timeouts_and_labels_are_refused_saying_why()
    {
        var manual = new ProjectSettings { Review = ReviewModes.ManualReview };
        Assert.Equal("'review_sample' must be a number from 0 to 1.", Refused(manual with { ReviewSample = double.NaN }));
        Assert.StartsWith("'review_timeout' must be from 1 minute", Refused(manual with { ReviewTimeout = TimeSpan.FromSeconds(59) }), StringComparison.Ordinal);
        Assert.StartsWith("'review_timeout' must be from 1 minute", Refused(manual with { ReviewTimeout = TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1) }), StringComparison.Ordinal);
        Assert.Equal("'review_labels' names 51 labels; at most 50.", Refused(manual with { ReviewLabels = [.. Enumerable.Range(0, 51).Select(i => $"l{i}")] }));
        Assert.Equal("'review_labels' entries are 1 to 40 lowercase letters, digits or '_'; '" + new string('a', 41) + "' is not.", Refused(manual with { ReviewLabels = [new string('a', 41)] }));
        Assert.Equal("'review_labels' names 'spam' more than once.", Refused(manual with { ReviewLabels = ["spam", "spam"] }));
        Assert.Equal("'review_labels' must name at least one label.", Refused(manual with { ReviewLabels = [] }));
        Assert.Equal(TimeSpan.FromDays(30), Apply(Blank, manual with { ReviewTimeout = TimeSpan.FromDays(30) })!.Timeout);
    }

    [Fact]
    public void Review_settings_on_a_model_only_project_are_refused_naming_the_setting()
    {
        Assert.Equal(
            "'review_timeout' needs \"review\": \"manual_review\"; a model_only project has no reviewers to send tasks to.",
            Refused(new ProjectSettings { ClearReviewTimeout = true }));
    }

    [Theory]
    [InlineData("30m", 30 * 60, "30m")]
    [InlineData("24h", 24 * 3600, "1d")]
    [InlineData("90s", 90, "90s")]
    [InlineData("7d", 7 * 86400, "7d")]
    [InlineData("0001m", 60, "1m")]
    public void Durations_are_a_whole_number_and_a_unit_written_back_in_the_largest_whole_unit(string text, int seconds, string written)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        Assert.Equal(written, DurationText.Format(duration));
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("1.5h")]
    [InlineData("-1h")]
    [InlineData("+1h")]
    [InlineData("1w")]
    [InlineData("1 h")]
    [InlineData("1H")]
    [InlineData("1234567890123456789d")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void A_duration_longer_than_a_time_span_holds_is_the_longest_one_and_never_overflows()
    {
        Assert.True(DurationText.TryParse("999999999999999999d", out var duration));
        Assert.Equal(TimeSpan.MaxValue, duration);
    }

    private static ReviewRouting? Apply(ProjectConfig config, ProjectSettings settings) =>
        ProjectSettingsRules.Apply(config, settings, Now, _ => Heads).ReviewRules;

    private static string Refused(ProjectSettings settings) =>
        Assert.Throws<ProjectRequestException>(() => Apply(Blank, settings)).Message;
}
